//! The SQLite and PostgreSQL migrations describe the same schema: the same files, and in each
//! the same text apart from the known type substitutions of the two engines.

use std::path::Path;

/// SQLite's spelling → PostgreSQL's, for the column types that differ.
const SUBSTITUTIONS: [(&str, &str); 3] = [
    ("INTEGER PRIMARY KEY AUTOINCREMENT", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"),
    (" BLOB ", " BYTEA "),
    // Random hex for the rows that exist when a column of random ids is added.
    ("lower(hex(randomblob(8)))", "md5(random()::text)"),
];

fn files(engine: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(engine);
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            (path.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn sqlite_and_postgres_migrations_are_identical_but_for_the_type_substitutions() {
    let (sqlite, postgres) = (files("sqlite"), files("postgres"));
    let names = |v: &[(String, String)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&sqlite), names(&postgres), "the same migrations on both engines");
    assert!(sqlite.len() >= 11);
    for ((name, lite), (_, pg)) in sqlite.iter().zip(&postgres) {
        let translated = SUBSTITUTIONS.iter().fold(lite.clone(), |text, (from, to)| text.replace(from, to));
        for (n, (a, b)) in translated.lines().zip(pg.lines()).enumerate() {
            assert_eq!(a, b, "{name}, line {}: the engines differ beyond the known substitutions", n + 1);
        }
        assert_eq!(translated.lines().count(), pg.lines().count(), "{name}: not the same number of lines");
    }
}
