//! CSV for spreadsheet users: UTF-8 with a byte-order mark (so that accents open correctly),
//! RFC 4180 quoting with `,` separators (a cell holding `;` is quoted too), CRLF line ends,
//! and cells that a spreadsheet would run as a formula made inert.

/// The byte-order mark that starts every export.
pub const BOM: &str = "\u{feff}";

/// One line of cells, quoted when needed, ending with CRLF.
pub fn line<S: AsRef<str>>(cells: &[S]) -> String {
    let mut out = String::new();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&cell_text(cell.as_ref()));
    }
    out.push_str("\r\n");
    out
}

fn cell_text(value: &str) -> String {
    // A cell starting with = + - @ (or a tab / carriage return) would be evaluated by a
    // spreadsheet: a leading apostrophe keeps it as text.
    let inert = match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_string(),
    };
    if inert.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", inert.replace('"', "\"\""))
    } else {
        inert
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_cells_stay_plain_and_lines_end_with_crlf() {
        assert_eq!(line(&["a", "Élodie", "42"]), "a,Élodie,42\r\n");
        assert_eq!(line::<&str>(&[]), "\r\n");
        assert_eq!(line(&[""]), "\r\n");
    }

    #[test]
    fn separators_quotes_and_line_breaks_are_quoted() {
        assert_eq!(line(&["a,b", "dit \"oui\"", "l1\nl2", "x;y"]), "\"a,b\",\"dit \"\"oui\"\"\",\"l1\nl2\",\"x;y\"\r\n");
    }

    #[test]
    fn formulas_are_made_inert() {
        assert_eq!(line(&["=SUM(A1:A2)", "+33 1", "-2", "@cmd"]), "'=SUM(A1:A2),'+33 1,'-2,'@cmd\r\n");
        assert_eq!(line(&["=1,2"]), "\"'=1,2\"\r\n");
    }
}
