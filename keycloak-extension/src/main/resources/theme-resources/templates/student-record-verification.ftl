<#-- The periodic verification of a student's record (rule 5.2). Self-contained apart from the login theme's
     template.ftl, so it renders under keycloak.v2 and base alike. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("studentRecordVerificationTitle")}
    <#elseif section = "form">
    <div id="student-record-verification" class="${properties.kcContentWrapperClass!}">
        <p>${msg("studentRecordVerificationIntro", periodDays)}</p>
        <#if profile??>
        <h2>${msg("studentRecordProfile")}</h2>
        <dl id="student-record-profile">
            <dt>${msg("studentRecordStudentNumber")}</dt><dd>${profile.studentNumber}</dd>
            <dt>${msg("studentRecordName")}</dt><dd>${profile.name}</dd>
            <dt>${msg("studentRecordGender")}</dt><dd>${msg("studentRecordGender_" + profile.gender)}</dd>
            <dt>${msg("studentRecordStatus")}</dt><dd>${msg("studentRecordStatus_" + profile.status)}</dd>
            <dt>${msg("studentRecordUnit")}</dt><dd>${profile.unit}</dd>
            <dt>${msg("studentRecordEnrolmentDate")}</dt><dd>${profile.enrolmentDate}</dd>
            <#if profile.leavingDate?has_content>
            <dt>${msg("studentRecordLeavingDate")}</dt><dd>${profile.leavingDate}</dd>
            </#if>
        </dl>
        </#if>
        <#if identity??>
        <h2>${msg("studentRecordIdentity")}</h2>
        <dl id="student-record-identity">
            <dt>${msg("studentRecordResidentIdNumber")}</dt><dd>${identity.residentIdNumber}</dd>
            <dt>${msg("studentRecordBirthYear")}</dt><dd>${identity.birthYear}</dd>
            <dt>${msg("studentRecordNativePlace")}</dt><dd>${identity.nativePlace}</dd>
        </dl>
        </#if>
        <#if contact??>
        <h2>${msg("studentRecordContact")}</h2>
        <dl id="student-record-contact">
            <dt>${msg("studentRecordMobilePhone")}</dt><dd>${contact.mobilePhone}</dd>
            <#if contact.email?has_content>
            <dt>${msg("studentRecordEmail")}</dt><dd>${contact.email}</dd>
            </#if>
            <dt>${msg("studentRecordHomeAddress")}</dt><dd>${contact.homeAddress}</dd>
        </dl>
        </#if>
        <h2>${msg("studentRecordGuardians")}</h2>
        <#if guardians?has_content>
        <ul id="student-record-guardians">
            <#list guardians as guardian>
            <li>${guardian.name} (${msg("studentRecordRelationship_" + guardian.relationship)}), ${guardian.phone}<#if guardian.emergencyContact == "true"> &middot; ${msg("studentRecordEmergencyContact")}</#if></li>
            </#list>
        </ul>
        <#else>
        <p>${msg("studentRecordNoGuardians")}</p>
        </#if>

        <form id="kc-student-record-confirm" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <button class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}"
                        type="submit" name="confirm" id="kc-student-record-correct" value="yes">${msg("studentRecordVerificationConfirm")}</button>
            </div>
        </form>

        <form id="kc-student-record-correction" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <label for="student-record-reason" class="${properties.kcLabelClass!}">${msg("studentRecordVerificationReason")}</label>
                <textarea id="student-record-reason" name="reason" rows="3" maxlength="2000" class="${properties.kcInputClass!}"></textarea>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <button class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!}"
                        type="submit" name="correction" id="kc-student-record-ask-correction" value="yes">${msg("studentRecordVerificationAskCorrection")}</button>
            </div>
        </form>
    </div>
    </#if>
</@layout.registrationLayout>
