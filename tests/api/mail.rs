//! Notifications on both engines, against a real SMTP server (aiosmtpd): the outbox and its
//! worker (retries, two workers racing, a crash between commit and send), e-mailed links
//! (address confirmation, password reset: expired, reused, altered), message threads and
//! cohort messages, the staff view of the outbox, and the mails the other features send.

use crate::support;

use accelerateur::api::account::UserView;
use accelerateur::api::messages::ThreadView;
use accelerateur::api::outbox::OutboxView;
use accelerateur::domain::account::Role;
use accelerateur::domain::error::AppError;
use accelerateur::domain::i18n::Locale;
use accelerateur::domain::mail::{Notice, TokenProblem, CLAIM_SECONDS};
use accelerateur::domain::validate::Problem;
use accelerateur::server::db;
use accelerateur::server::mail::{send_due, Sender};
use axum::http::StatusCode;
use support::smtp::{link_token, SmtpSink};
use support::{TestApp, PASSWORD};

on_both_engines!(
    sign_up_mails_a_link_that_confirms_the_address_once,
    password_reset_uses_a_single_use_link_and_reveals_no_account,
    a_refused_mail_is_retried_and_delivered_exactly_once,
    two_workers_racing_deliver_each_mail_once,
    a_crash_between_commit_and_send_still_delivers_after_restart,
    failures_are_recorded_and_staff_retry_a_failed_mail,
    a_thread_between_staff_and_applicants_mails_and_marks_reads,
    staff_write_to_every_applicant_of_a_cohort,
    jury_invitations_receipts_and_corrections_are_mailed,
    an_address_change_is_confirmed_before_it_applies,
);

/// Sends what is due now to the sink; returns how many were sent.
async fn deliver(app: &TestApp, sink: &SmtpSink) -> usize {
    send_due(&app.db, &Sender::smtp_local(sink.port), "test-worker", db::now()).await.expect("send due mails")
}

async fn me(app: &TestApp, cookie: &str) -> Option<UserView> {
    let res = app.call("current_user", &[], Some(cookie)).await;
    serde_json::from_str(&res.body).unwrap()
}

async fn sign_up(app: &TestApp, email: &str, lang: &str) -> String {
    let res = app
        .call(
            "signup",
            &[("name", "Inès Durand"), ("email", email), ("password", PASSWORD), ("password_confirm", PASSWORD)],
            Some(&format!("lang={lang}")),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.session_cookie().expect("signed in")
}

async fn sign_up_mails_a_link_that_confirms_the_address_once(app: TestApp) {
    let sink = SmtpSink::start(0);
    let cookie = sign_up(&app, "ines@exemple.fr", "en").await;
    assert!(!me(&app, &cookie).await.unwrap().email_verified);
    assert_eq!(deliver(&app, &sink).await, 1);
    let mails = sink.received();
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert_eq!(mail.rcpt_tos, vec!["ines@exemple.fr".to_string()]);
    assert!(mail.subject.starts_with("Confirm your email address"), "{}", mail.subject);
    assert_eq!(mail.content_language, "en", "the interface's language at sign-up");
    assert!(mail.text.contains("Hello Inès Durand"), "{}", mail.text);
    assert!(mail.html.contains("<a href=\"http://127.0.0.1:3000/compte/verification/"), "{}", mail.html);
    let token = link_token(&mail.text, "http://127.0.0.1:3000/compte/verification/");
    assert_eq!(token.len(), 64);

    // An altered link is refused with its own message; the page says so without JavaScript.
    let mut altered = token.clone();
    altered.replace_range(0..1, if token.starts_with('a') { "b" } else { "a" });
    let res = app.call("confirm_address", &[("token", &altered)], None).await;
    assert_eq!(res.app_error(), AppError::Token(TokenProblem::Unknown));
    let page = app.get(&format!("/compte/verification/{altered}"), None).await;
    assert_eq!(page.status, StatusCode::GONE);
    assert!(page.body.contains("Ce lien n&#x27;est pas valide") || page.body.contains("Ce lien n'est pas valide"), "{}", page.body);

    let page = app.get(&format!("/compte/verification/{token}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Confirmer mon adresse"));
    let res = app.post_html_form("confirm_address", &[("token", &token)], &format!("/compte/verification/{token}"), None).await;
    assert_eq!(res.location().as_deref(), Some("/connexion?ok=adresse-confirmee"), "{}", res.body);
    assert!(me(&app, &cookie).await.unwrap().email_verified);
    // Used once: a second use is refused.
    let res = app.call("confirm_address", &[("token", &token)], None).await;
    assert_eq!(res.status, StatusCode::GONE);
    assert_eq!(res.app_error(), AppError::Token(TokenProblem::AlreadyUsed));

    // An expired link is refused; asking again sends a new one and retires the old.
    let user = db::account::find_by_email(&app.db, "ines@exemple.fr").await.unwrap().unwrap();
    let mail = Notice::PasswordReset { token: "x".into() }.compose(&user.email, Locale::Fr, "http://127.0.0.1:3000");
    let old = db::account::NewToken {
        token_hash: accelerateur::server::auth::token_hash("perime"),
        purpose: "verify",
        email: user.email.clone(),
        expires_at: db::now() - 1,
        mail,
    };
    db::account::new_token(&app.db, user.id, &old).await.unwrap();
    let res = app.call("confirm_address", &[("token", "perime")], None).await;
    assert_eq!(res.app_error(), AppError::Token(TokenProblem::Expired));
    let res = app.call("verification_state", &[("token", "perime")], None).await;
    assert_eq!(res.app_error(), AppError::Token(TokenProblem::Expired));
}

async fn password_reset_uses_a_single_use_link_and_reveals_no_account(app: TestApp) {
    let sink = SmtpSink::start(0);
    app.user("lea@exemple.fr", Role::Citizen).await;
    let old_session = app.login("lea@exemple.fr", PASSWORD).await.unwrap();
    // The same answer for an address with an account and one without.
    let known = app.post_html_form("request_password_reset", &[("email", "Lea@Exemple.fr")], "/mot-de-passe-oublie", None).await;
    let unknown = app.post_html_form("request_password_reset", &[("email", "personne@exemple.fr")], "/mot-de-passe-oublie", None).await;
    assert_eq!(known.status, unknown.status);
    assert_eq!(known.location(), unknown.location());
    assert_eq!(known.location().as_deref(), Some("/mot-de-passe-oublie?ok=demande-envoyee"));
    let res = app.call("request_password_reset", &[("email", "pas-une-adresse")], None).await;
    assert_eq!(res.app_error().form_errors().unwrap().for_field("email"), Some(&Problem::InvalidEmail));

    assert_eq!(deliver(&app, &sink).await, 1, "only the existing account gets a mail");
    let mails = sink.received();
    assert_eq!(mails[0].rcpt_tos, vec!["lea@exemple.fr".to_string()]);
    assert!(mails[0].subject.starts_with("Réinitialisation de votre mot de passe"));
    assert_eq!(mails[0].content_language, "fr");
    let token = link_token(&mails[0].text, "http://127.0.0.1:3000/mot-de-passe/nouveau/");

    let new_password = "un tout nouveau mot de passe";
    let res = app.call("reset_password", &[("token", &token), ("password", new_password), ("password_confirm", "autre chose encore")], None).await;
    assert_eq!(res.app_error().form_errors().unwrap().for_field("password_confirm"), Some(&Problem::PasswordMismatch));
    let res = app.call("reset_password", &[("token", &format!("{token}0")), ("password", new_password), ("password_confirm", new_password)], None).await;
    assert_eq!(res.app_error(), AppError::Token(TokenProblem::Unknown));
    let res = app
        .post_html_form("reset_password", &[("token", &token), ("password", new_password), ("password_confirm", new_password)], "/", None)
        .await;
    assert_eq!(res.location().as_deref(), Some("/connexion?ok=mot-de-passe-reinitialise"), "{}", res.body);
    assert!(me(&app, &old_session).await.is_none(), "every session of the account ends");
    assert!(app.login("lea@exemple.fr", PASSWORD).await.is_err());
    assert!(app.login("lea@exemple.fr", new_password).await.is_ok());
    let res = app.call("reset_password", &[("token", &token), ("password", PASSWORD), ("password_confirm", PASSWORD)], None).await;
    assert_eq!(res.app_error(), AppError::Token(TokenProblem::AlreadyUsed));
    let page = app.get(&format!("/mot-de-passe/nouveau/{token}"), None).await;
    assert_eq!(page.status, StatusCode::GONE);
}

/// A mail in the outbox, written the way a feature writes it.
async fn one_mail(app: &TestApp, to: &str) {
    let mail = Notice::PasswordReset { token: "t".into() }.compose(to, Locale::Fr, "http://127.0.0.1:3000");
    db::outbox::enqueue(&app.db, &[mail]).await.unwrap();
}

async fn a_refused_mail_is_retried_and_delivered_exactly_once(app: TestApp) {
    let sink = SmtpSink::start(1);
    let sender = Sender::smtp_local(sink.port);
    one_mail(&app, "refus@exemple.fr").await;
    let now = db::now();
    assert_eq!(send_due(&app.db, &sender, "w", now).await.unwrap(), 0, "451: not sent");
    let row = &db::outbox::list(&app.db, 10).await.unwrap()[0];
    assert_eq!((row.state.as_str(), row.attempts), ("pending", 1));
    assert!(row.last_error.contains("451"), "{}", row.last_error);
    assert!(row.next_attempt_at >= now + 30, "retried after a delay");
    assert_eq!(send_due(&app.db, &sender, "w", now + 1).await.unwrap(), 0, "not due yet");
    assert_eq!(send_due(&app.db, &sender, "w", now + 31).await.unwrap(), 1);
    assert_eq!(send_due(&app.db, &sender, "w", now + 100_000).await.unwrap(), 0, "never sent again");
    assert_eq!(sink.received().len(), 1);
    let row = &db::outbox::list(&app.db, 10).await.unwrap()[0];
    assert_eq!((row.state.as_str(), row.attempts, row.last_error.as_str()), ("sent", 2, ""));
}

async fn two_workers_racing_deliver_each_mail_once(app: TestApp) {
    let sink = SmtpSink::start(0);
    for i in 0..30 {
        one_mail(&app, &format!("course{i}@exemple.fr")).await;
    }
    let now = db::now();
    let (a, b) = (Sender::smtp_local(sink.port), Sender::smtp_local(sink.port));
    let (db_a, db_b) = (app.db.clone(), app.db.clone());
    let first = tokio::spawn(async move { send_due(&db_a, &a, "instance-a", now).await.unwrap() });
    let second = tokio::spawn(async move { send_due(&db_b, &b, "instance-b", now).await.unwrap() });
    let (first, second) = (first.await.unwrap(), second.await.unwrap());
    assert_eq!(first + second, 30, "{first} + {second}");
    let received = sink.received();
    assert_eq!(received.len(), 30);
    let mut ids: Vec<&str> = received.iter().map(|m| m.message_id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 30, "each mail once");
    let mut recipients: Vec<&str> = received.iter().map(|m| m.rcpt_tos[0].as_str()).collect();
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), 30);
}

async fn a_crash_between_commit_and_send_still_delivers_after_restart(app: TestApp) {
    let sink = SmtpSink::start(0);
    one_mail(&app, "crash@exemple.fr").await;
    let now = db::now();
    // An instance claims the mail, then dies before sending it.
    assert_eq!(db::outbox::claim(&app.db, "dead-instance", now, 10).await.unwrap().len(), 1);
    let restarted = Sender::smtp_local(sink.port);
    assert_eq!(send_due(&app.db, &restarted, "restarted", now + 1).await.unwrap(), 0, "still claimed");
    assert_eq!(send_due(&app.db, &restarted, "restarted", now + CLAIM_SECONDS + 1).await.unwrap(), 1);
    assert_eq!(sink.received().len(), 1);
    // The dead instance's late outcome does not overwrite the new one.
    let id = db::outbox::list(&app.db, 10).await.unwrap()[0].id;
    db::outbox::record(&app.db, id, "dead-instance", &accelerateur::domain::mail::AfterAttempt::Failed { error: "x".into() }, now)
        .await
        .unwrap();
    assert_eq!(db::outbox::list(&app.db, 10).await.unwrap()[0].state, "sent");
    // A mail committed while no worker runs is sent when one starts.
    one_mail(&app, "plus-tard@exemple.fr").await;
    assert_eq!(send_due(&app.db, &restarted, "restarted", db::now()).await.unwrap(), 1);
    assert_eq!(sink.received().len(), 2);
}

async fn failures_are_recorded_and_staff_retry_a_failed_mail(app: TestApp) {
    // No server on this port: a temporary failure, retried later.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    one_mail(&app, "personne@exemple.fr").await;
    assert_eq!(send_due(&app.db, &Sender::smtp_local(closed), "w", db::now()).await.unwrap(), 0);
    let row = &db::outbox::list(&app.db, 10).await.unwrap()[0];
    assert_eq!(row.state, "pending");
    assert!(!row.last_error.is_empty());
    // An address that can never be written to fails at once.
    one_mail(&app, "pas une adresse").await;
    let sink = SmtpSink::start(0);
    assert_eq!(send_due(&app.db, &Sender::smtp_local(sink.port), "w", db::now()).await.unwrap(), 0);
    let rows = db::outbox::list(&app.db, 10).await.unwrap();
    let failed = rows.iter().find(|r| r.recipient == "pas une adresse").unwrap();
    assert_eq!(failed.state, "failed");
    assert!(failed.last_error.contains("pas une adresse"), "{}", failed.last_error);

    let staff = app.signed_in(Role::Staff).await;
    let applicant = app.signed_in(Role::Citizen).await;
    assert_eq!(app.call("outbox_list", &[], Some(&applicant)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.call("outbox_list", &[], None).await.status, StatusCode::UNAUTHORIZED);
    let res = app.call("outbox_list", &[], Some(&staff)).await;
    let view: OutboxView = serde_json::from_str(&res.body).unwrap();
    assert_eq!((view.pending, view.failed, view.sent), (1, 1, 0));
    assert_eq!(view.entries[0].state, "failed", "failures first");
    let id = failed.id.to_string();
    assert_eq!(app.call("outbox_retry", &[("id", &id)], Some(&applicant)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.call("outbox_retry", &[("id", &id)], Some(&staff)).await.status, StatusCode::OK);
    assert_eq!(app.call("outbox_retry", &[("id", &id)], Some(&staff)).await.app_error(), AppError::MailNotFailed, "no longer failed");
    let row = db::outbox::list(&app.db, 10).await.unwrap().into_iter().find(|r| r.id == failed.id).unwrap();
    assert_eq!((row.state.as_str(), row.attempts), ("pending", 0));
    let page = app.get("/agent/courriels", Some(&staff)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Courriels envoyés") && page.body.contains("personne@exemple.fr"));
}

/// A submitted candidature of a fresh cohort held by a new applicant: (id, holder cookie).
async fn candidature(app: &TestApp, email: &str) -> (i64, String) {
    if db::cohort::list(&app.db).await.unwrap().is_empty() {
        support::candidature::cohort_opened(app, 10).await;
    }
    app.user(email, Role::Citizen).await;
    let cookie = app.login(email, PASSWORD).await.unwrap();
    let id = support::candidature::submitted(app, &cookie).await;
    (id, cookie)
}

async fn thread(app: &TestApp, cookie: &str, id: i64) -> ThreadView {
    let res = app.call("thread_get", &[("candidature_id", &id.to_string())], Some(cookie)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

async fn a_thread_between_staff_and_applicants_mails_and_marks_reads(app: TestApp) {
    let sink = SmtpSink::start(0);
    let (id, holder) = candidature(&app, "porteuse@exemple.fr").await;
    let sid = id.to_string();
    deliver(&app, &sink).await; // the receipt
    let before = sink.received().len();
    app.user("agent@exemple.fr", Role::Staff).await;
    let staff = app.login("agent@exemple.fr", PASSWORD).await.unwrap();

    let res = app.call("message_post", &[("candidature_id", &sid), ("body", "  ")], Some(&staff)).await;
    assert_eq!(res.app_error().form_errors().unwrap().for_field("body"), Some(&Problem::Required));
    let res = app.post_html_form("message_post", &[("candidature_id", &sid), ("body", "Pouvez-vous préciser le budget ?")], "/", Some(&staff)).await;
    assert_eq!(res.location(), Some(format!("/agent/candidatures/{id}/messages?ok=envoye")));
    assert_eq!(deliver(&app, &sink).await, 1);
    let mail = sink.received().pop().unwrap();
    assert_eq!(sink.received().len(), before + 1);
    assert_eq!(mail.rcpt_tos, vec!["porteuse@exemple.fr".to_string()]);
    assert!(mail.subject.starts_with("Nouveau message"), "{}", mail.subject);
    assert!(mail.text.contains(&format!("http://127.0.0.1:3000/candidatures/{id}/messages")));
    assert!(!mail.text.contains("budget"), "the mail says a message is waiting, the thread holds it");

    let staff_view = thread(&app, &staff, id).await;
    assert!(staff_view.staff_side && !staff_view.messages[0].read_by_other_side);
    let view = thread(&app, &holder, id).await;
    assert_eq!(view.messages.len(), 1);
    assert!(view.messages[0].unread && view.messages[0].from_staff);
    assert!(!thread(&app, &holder, id).await.messages[0].unread, "read once seen");
    assert!(thread(&app, &staff, id).await.messages[0].read_by_other_side, "staff see it was read");

    // The reply reaches the staff member who wrote.
    let res = app.call("message_post", &[("candidature_id", &sid), ("body", "Environ 20 000 €.")], Some(&holder)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(deliver(&app, &sink).await, 1);
    let mail = sink.received().pop().unwrap();
    assert_eq!(mail.rcpt_tos, vec!["agent@exemple.fr".to_string()]);
    assert!(mail.text.contains(&format!("/agent/candidatures/{id}/messages")));
    let staff_view = thread(&app, &staff, id).await;
    assert!(staff_view.messages[1].unread && !staff_view.messages[1].from_staff);

    // Nobody else reads or writes the thread.
    let other = app.signed_in(Role::Citizen).await;
    let juror = app.signed_in(Role::Citizen).await;
    for cookie in [&other, &juror] {
        assert_eq!(app.call("thread_get", &[("candidature_id", &sid)], Some(cookie)).await.status, StatusCode::NOT_FOUND);
        let res = app.call("message_post", &[("candidature_id", &sid), ("body", "intrus")], Some(cookie)).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(app.call("thread_get", &[("candidature_id", &sid)], None).await.status, StatusCode::UNAUTHORIZED);
    // The page works without JavaScript on both sides.
    let page = app.get(&format!("/candidatures/{id}/messages"), Some(&holder)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Pouvez-vous préciser le budget ?") && page.body.contains("Environ 20 000 €."));
    let page = app.get(&format!("/agent/candidatures/{id}/messages"), Some(&staff)).await;
    assert_eq!(page.status, StatusCode::OK);
    let listed = support::candidature::get(&app, &holder, id).await;
    assert_eq!(listed.unread_messages, 0);
}

async fn staff_write_to_every_applicant_of_a_cohort(app: TestApp) {
    let sink = SmtpSink::start(0);
    let (submitted, _) = candidature(&app, "une@exemple.fr").await;
    app.user("deux@exemple.fr", Role::Citizen).await;
    let second = app.login("deux@exemple.fr", PASSWORD).await.unwrap();
    let draft = support::candidature::start(&app, &second).await;
    app.user("trois@exemple.fr", Role::Citizen).await;
    let third = app.login("trois@exemple.fr", PASSWORD).await.unwrap();
    let withdrawn = support::candidature::submitted(&app, &third).await;
    assert_eq!(app.call("candidature_withdraw", &[("id", &withdrawn.to_string())], Some(&third)).await.status, StatusCode::OK);
    deliver(&app, &sink).await;
    let before = sink.received().len();
    let cohort = db::candidature::find(&app.db, submitted).await.unwrap().unwrap().cohort_id.to_string();

    let applicant = app.signed_in(Role::Citizen).await;
    let body = "L'appel ferme dans 3 jours.";
    assert_eq!(app.call("cohort_message", &[("cohort_id", &cohort), ("body", body)], Some(&applicant)).await.status, StatusCode::FORBIDDEN);
    let staff = app.signed_in(Role::Staff).await;
    let res = app.call("cohort_message", &[("cohort_id", &cohort), ("body", body)], Some(&staff)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.body, "2", "the submitted one and the draft, not the withdrawn one");
    assert_eq!(deliver(&app, &sink).await, 2);
    let mut to: Vec<String> = sink.received()[before..].iter().map(|m| m.rcpt_tos[0].clone()).collect();
    to.sort();
    assert_eq!(to, vec!["deux@exemple.fr".to_string(), "une@exemple.fr".to_string()]);
    assert!(sink.received()[before].text.contains(body));
    assert_eq!(thread(&app, &second, draft).await.messages[0].body, body);
    assert!(db::messages::thread(&app.db, withdrawn).await.unwrap().is_empty());
    let page = app.get(&format!("/agent/cohortes/{cohort}/message"), Some(&staff)).await;
    assert_eq!(page.status, StatusCode::OK);
}

async fn jury_invitations_receipts_and_corrections_are_mailed(app: TestApp) {
    let sink = SmtpSink::start(0);
    // Submitting needs a confirmed address.
    let cohort = support::candidature::cohort_opened(&app, 10).await;
    let cookie = sign_up(&app, "nouvelle@exemple.fr", "fr").await;
    let id = support::candidature::start(&app, &cookie).await;
    assert_eq!(support::candidature::save(&app, &cookie, id, 1, &support::candidature::full_form()).await.status, StatusCode::OK);
    let version = support::candidature::get(&app, &cookie, id).await.version.to_string();
    let res = app.call("candidature_submit", &[("id", &id.to_string()), ("version", &version)], Some(&cookie)).await;
    assert_eq!(res.app_error(), AppError::EmailNotVerified);
    let user = db::account::find_by_email(&app.db, "nouvelle@exemple.fr").await.unwrap().unwrap();
    assert!(user.email_verified_at.is_none());
    deliver(&app, &sink).await;
    let token = link_token(&sink.received()[0].text, "/compte/verification/");
    assert_eq!(app.call("confirm_address", &[("token", &token)], Some(&cookie)).await.status, StatusCode::OK);
    support::candidature::submit(&app, &cookie, id).await;
    assert_eq!(deliver(&app, &sink).await, 1);
    let receipt = sink.received().pop().unwrap();
    assert!(receipt.subject.starts_with("Candidature reçue"), "{}", receipt.subject);
    assert!(receipt.text.contains(&format!("/candidatures/{id}/recepisse")));

    // A correction request tells the applicant what to do.
    let staff = app.signed_in(Role::Staff).await;
    let version = db::candidature::find(&app.db, id).await.unwrap().unwrap().version.to_string();
    let res = app
        .call("screening_decide", &[("id", &id.to_string()), ("version", &version), ("decision", "correction_requested"), ("message", "Précisez le budget.")], Some(&staff))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(deliver(&app, &sink).await, 1);
    let correction = sink.received().pop().unwrap();
    assert!(correction.subject.starts_with("Correction demandée"), "{}", correction.subject);
    assert!(correction.text.contains("Précisez le budget."));

    // A jury invitation carries the link staff also see once.
    let res = app.post_html_form("jury_invite", &[("cohort_id", &cohort.to_string()), ("emails", "jure@exemple.fr")], "/", Some(&staff)).await;
    let shown = res.new_invitation_links(&app, &staff, cohort).await.join(".");
    assert_eq!(deliver(&app, &sink).await, 1);
    let invitation = sink.received().pop().unwrap();
    assert_eq!(invitation.rcpt_tos, vec!["jure@exemple.fr".to_string()]);
    assert!(invitation.subject.starts_with("Invitation au jury citoyen"));
    assert_eq!(link_token(&invitation.text, "http://127.0.0.1:3000/jury/invitation/"), shown);
}

async fn an_address_change_is_confirmed_before_it_applies(app: TestApp) {
    let sink = SmtpSink::start(0);
    app.user("ancienne@exemple.fr", Role::Citizen).await;
    app.user("prise@exemple.fr", Role::Citizen).await;
    let cookie = app.login("ancienne@exemple.fr", PASSWORD).await.unwrap();
    let res = app.call("change_email", &[("email", "nouvelle@exemple.fr"), ("current", "faux mot de passe")], Some(&cookie)).await;
    assert_eq!(res.app_error().form_errors().unwrap().for_field("current_for_email"), Some(&Problem::WrongCurrentPassword));
    let res = app.call("change_email", &[("email", "prise@exemple.fr"), ("current", PASSWORD)], Some(&cookie)).await;
    assert_eq!(res.app_error().form_errors().unwrap().for_field("new_email"), Some(&Problem::EmailTaken));
    let res = app.call("change_email", &[("email", "Nouvelle@Exemple.fr"), ("current", PASSWORD)], Some(&cookie)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(me(&app, &cookie).await.unwrap().email, "ancienne@exemple.fr", "unchanged until confirmed");
    assert_eq!(deliver(&app, &sink).await, 1);
    let mail = sink.received().pop().unwrap();
    assert_eq!(mail.rcpt_tos, vec!["nouvelle@exemple.fr".to_string()]);
    let token = link_token(&mail.text, "/compte/verification/");
    assert_eq!(app.call("confirm_address", &[("token", &token)], Some(&cookie)).await.status, StatusCode::OK);
    let now = me(&app, &cookie).await.unwrap();
    assert_eq!(now.email, "nouvelle@exemple.fr");
    assert!(now.email_verified);
    assert!(app.login("nouvelle@exemple.fr", PASSWORD).await.is_ok());
}
