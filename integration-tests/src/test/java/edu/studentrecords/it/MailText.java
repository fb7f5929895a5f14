package edu.studentrecords.it;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

import java.io.IOException;

/** The text of a received email, every part of it, for checks of what a notice says and does not say. */
final class MailText {

    private MailText() {
    }

    static String of(Part message) {
        try {
            Object content = message.getContent();
            if (content instanceof Multipart multipart) {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart part = multipart.getBodyPart(i);
                    text.append(of(part)).append('\n');
                }
                return text.toString();
            }
            return String.valueOf(content);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HTML parts of a received email only: what a mail program renders. */
    static String html(Part message) {
        try {
            Object content = message.getContent();
            if (content instanceof Multipart multipart) {
                StringBuilder html = new StringBuilder();
                for (int i = 0; i < multipart.getCount(); i++) {
                    html.append(html(multipart.getBodyPart(i)));
                }
                return html.toString();
            }
            return message.isMimeType("text/html") ? String.valueOf(content) : "";
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
