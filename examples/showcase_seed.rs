//! Benchmark set-up: fills a database with one launched cohort of `n` public initiatives
//! (pitch, theme, kind of carrier, website and licence published, charter evidence given),
//! for `make bench` to measure the showcase page (`showcase_seed <database-url> [n]`).

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() {
    use accelerateur::domain::account::Role;
    use accelerateur::domain::candidature::{Status, Theme};
    use accelerateur::domain::candidature_form::CandidatureForm;
    use accelerateur::domain::cohort::Calendar;
    use accelerateur::domain::ids::{CandidatureId, CohortId, UserId};
    use accelerateur::domain::publication::PublicField;
    use accelerateur::server::db::{self, Db};
    let mut args = std::env::args().skip(1);
    let Some(url) = args.next() else {
        eprintln!("usage: showcase_seed <database-url> [n]");
        std::process::exit(2);
    };
    let n: usize = args.next().and_then(|v| v.parse().ok()).unwrap_or(100);
    let db = Db::connect(&url).await.expect("database");
    let today = chrono::Utc::now().date_naive();
    let cal = Calendar::suggested(today.checked_sub_days(chrono::Days::new(230)).expect("a date"));
    let cohort = db::cohort::insert(&db, "Cohorte banc d'essai", &cal, 10, 15, 3).await.expect("cohort");
    let published = [PublicField::Pitch, PublicField::Theme, PublicField::CarrierKind, PublicField::Website, PublicField::Licence];
    for i in 0..n {
        let holder = db::account::insert_user(&db, &format!("porteur{i}@exemple.fr"), "Porteur", "x", Role::Citizen).await.expect("user");
        let id = db::candidature::create_draft(&db, CohortId(cohort), UserId(holder)).await.expect("draft");
        let form = CandidatureForm {
            project_name: format!("Initiative citoyenne n° {i}"),
            pitch: format!("Un service public plus simple pour tous, expérimenté dans {} communes.", 3 + i % 40),
            theme: Theme::ALL[i % Theme::ALL.len()].code().to_string(),
            carrier_kind: "association".into(),
            website: format!("https://initiative-{i}.exemple.fr"),
            licence: "EUPL-1.2".into(),
            ..Default::default()
        };
        let json = serde_json::to_string(&form).expect("json");
        let content = db::candidature::Content { json: &json, project_name: &form.project_name, carrier_kind: "association", current_step: 6, co_applicants: None };
        db::candidature::save_content(&db, id, 1, &content).await.expect("content");
        for (from, to) in [
            (Status::Draft, Status::Submitted),
            (Status::Submitted, Status::Eligible),
            (Status::Eligible, Status::UnderReview),
            (Status::UnderReview, Status::Selected),
        ] {
            db::candidature::transition(&db, CandidatureId(id), from, to, None, "").await.expect("transition");
        }
        db::publication::set_consents(&db, id, &published).await.expect("consents");
    }
    println!("{n} public initiatives in « Cohorte banc d'essai »");
}

#[cfg(not(feature = "ssr"))]
fn main() {
    eprintln!("build with --features ssr");
}
