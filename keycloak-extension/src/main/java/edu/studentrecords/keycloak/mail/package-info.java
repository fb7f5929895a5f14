/**
 * Mails to students (grant, correction and report notices) and to the centre (self-check findings), through the
 * realm's mail settings and email theme, sent only after the request that caused them has committed
 * ({@link edu.studentrecords.keycloak.mail.NoticeDelivery}). They carry codes and times, never record values.
 */
package edu.studentrecords.keycloak.mail;
