//! Pupil and staff rosters from MIS exports (SIMS, Arbor, Bromcom, ScholarPack).
//!
//! Header names vary between systems and versions, so columns are found by their header
//! compared case-insensitively with punctuation and spaces ignored. Files may be UTF-8 with
//! or without a byte-order mark, UTF-16 with one, or Windows-1252.

use super::PolicyError;

/// Which roster a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RosterKind {
    /// `pupils.csv`.
    Pupils,
    /// `staff.csv`.
    Staff,
}

/// One person on a roster. Names are kept as written; hashing normalises them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    /// Legal and preferred forenames (distinct, legal first).
    pub forenames: Vec<String>,
    /// Middle names, if the export has them.
    pub middle_names: Vec<String>,
    /// Legal and preferred surnames (distinct, legal first).
    pub surnames: Vec<String>,
    /// Staff title (Mr, Mrs, Dr…).
    pub title: Option<String>,
    /// Staff work email.
    pub email: Option<String>,
    /// Staff role.
    pub role: Option<String>,
}

/// The people of one roster file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roster {
    /// Everyone with at least a forename and a surname.
    pub people: Vec<Person>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Col {
    Forename,
    PreferredForename,
    Middle,
    Surname,
    PreferredSurname,
    Title,
    Email,
    Role,
    /// One column holding the whole name ("Surname, Forename" or "Forename Surname").
    FullName,
}

const FORENAME_HEADERS: &[&str] =
    &["forename", "firstname", "legalforename", "legalfirstname", "givenname", "first"];
const PREFERRED_FORENAME_HEADERS: &[&str] =
    &["preferredforename", "preferredfirstname", "preferredname", "knownas", "chosenforename", "chosenname"];
const MIDDLE_HEADERS: &[&str] = &["middlename", "middlenames", "legalmiddlename", "legalmiddlenames"];
const SURNAME_HEADERS: &[&str] =
    &["surname", "lastname", "legalsurname", "legallastname", "familyname", "last"];
const PREFERRED_SURNAME_HEADERS: &[&str] = &["preferredsurname", "preferredlastname", "knownassurname"];

fn classify(header: &str) -> Option<Col> {
    let key: String = header.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    let k = key.as_str();
    if FORENAME_HEADERS.contains(&k) {
        Some(Col::Forename)
    } else if PREFERRED_FORENAME_HEADERS.contains(&k) {
        Some(Col::PreferredForename)
    } else if MIDDLE_HEADERS.contains(&k) {
        Some(Col::Middle)
    } else if SURNAME_HEADERS.contains(&k) {
        Some(Col::Surname)
    } else if PREFERRED_SURNAME_HEADERS.contains(&k) {
        Some(Col::PreferredSurname)
    } else if matches!(
        k,
        "name" | "fullname" | "pupilname" | "studentname" | "pupil" | "student" | "legalname" | "childname"
    ) {
        Some(Col::FullName)
    } else if k == "title" {
        Some(Col::Title)
    } else if matches!(k, "email" | "emailaddress" | "workemail" | "schoolemail") {
        Some(Col::Email)
    } else if matches!(k, "role" | "jobtitle" | "position" | "post") {
        Some(Col::Role)
    } else {
        None
    }
}

/// Decode a roster file's bytes to text: UTF-8 (BOM optional), UTF-16 with a BOM, or
/// Windows-1252 when the bytes are not valid UTF-8.
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from_le_bytes(pair(c))).collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from_be_bytes(pair(c))).collect();
        return String::from_utf16_lossy(&units);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => bytes.iter().map(|&b| crate::attach::cp1252(b)).collect(),
    }
}

fn pair(c: &[u8]) -> [u8; 2] {
    [c.first().copied().unwrap_or(0), c.get(1).copied().unwrap_or(0)]
}

impl Roster {
    /// Parse a roster CSV. `file` names it in errors.
    pub fn parse(bytes: &[u8], file: &str, kind: RosterKind) -> Result<Roster, PolicyError> {
        let text = decode_text(bytes);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let headers = match records.next() {
            Some(Ok(h)) => h,
            Some(Err(e)) => return Err(csv_error(file, &e)),
            None => {
                return Err(PolicyError::new(
                    file,
                    "the file is empty; expected a header row and one row per person",
                ))
            }
        };
        let cols: Vec<Option<Col>> = headers.iter().map(classify).collect();
        let has = |c: Col| cols.contains(&Some(c));
        let found = || {
            let names: Vec<&str> = headers.iter().filter(|h| !h.is_empty()).collect();
            if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            }
        };
        let split_full =
            !has(Col::Forename) && !has(Col::PreferredForename) && !has(Col::Surname) && has(Col::FullName);
        if !split_full && !has(Col::Forename) && !has(Col::PreferredForename) {
            return Err(PolicyError::new(
                file,
                format!(
                    "no forename column; headers found: {}; expected one of: Forename, First Name, Legal Forename, Preferred Forename, Known As (or one Name column)",
                    found()
                ),
            )
            .at_line(1));
        }
        if !split_full && !has(Col::Surname) && !has(Col::PreferredSurname) {
            return Err(PolicyError::new(
                file,
                format!(
                    "no surname column; headers found: {}; expected one of: Surname, Last Name, Legal Surname, Preferred Surname",
                    found()
                ),
            )
            .at_line(1));
        }
        let mut people = Vec::new();
        for record in records {
            let record = record.map_err(|e| csv_error(file, &e))?;
            let mut p = Person::default();
            let mut legal_fore = Vec::new();
            let mut pref_fore = Vec::new();
            let mut legal_sur = Vec::new();
            let mut pref_sur = Vec::new();
            for (value, col) in record.iter().zip(cols.iter()) {
                let value = value.trim();
                if value.is_empty() {
                    continue;
                }
                match col {
                    Some(Col::Forename) => legal_fore.push(value.to_owned()),
                    Some(Col::PreferredForename) => pref_fore.push(value.to_owned()),
                    Some(Col::Middle) => p.middle_names.extend(value.split_whitespace().map(str::to_owned)),
                    Some(Col::Surname) => legal_sur.push(value.to_owned()),
                    Some(Col::PreferredSurname) => pref_sur.push(value.to_owned()),
                    Some(Col::Title) => p.title = Some(value.to_owned()),
                    Some(Col::Email) => p.email = Some(value.to_ascii_lowercase()),
                    Some(Col::Role) => p.role = Some(value.to_owned()),
                    Some(Col::FullName) if split_full => {
                        if let Some((fore, sur)) = split_full_name(value) {
                            legal_fore.push(fore);
                            legal_sur.push(sur);
                        }
                    }
                    Some(Col::FullName) | None => {}
                }
            }
            for f in legal_fore.into_iter().chain(pref_fore) {
                if !p.forenames.contains(&f) {
                    p.forenames.push(f);
                }
            }
            for s in legal_sur.into_iter().chain(pref_sur) {
                if !p.surnames.contains(&s) {
                    p.surnames.push(s);
                }
            }
            if p.forenames.is_empty() || p.surnames.is_empty() {
                // A blank or partial row (exports often end with one); nothing to match on.
                continue;
            }
            people.push(p);
        }
        if people.is_empty() {
            let what = match kind {
                RosterKind::Pupils => "pupils",
                RosterKind::Staff => "staff",
            };
            return Err(PolicyError::new(
                file,
                format!("no {what} found: every row lacks a forename or a surname"),
            ));
        }
        Ok(Roster { people })
    }
}

/// Split a whole-name cell: "Surname, Forename Middle" (the SIMS register form) or
/// "Forename Surname". Without a comma the last word is taken as the surname, so a
/// two-word surname is only kept whole in the comma form.
fn split_full_name(value: &str) -> Option<(String, String)> {
    if let Some((sur, rest)) = value.split_once(',') {
        let fore = rest.split_whitespace().next()?;
        let sur = sur.trim();
        return (!sur.is_empty()).then(|| (fore.to_owned(), sur.to_owned()));
    }
    let words: Vec<&str> = value.split_whitespace().collect();
    match words.as_slice() {
        [fore, .., sur] => Some(((*fore).to_owned(), (*sur).to_owned())),
        _ => None,
    }
}

fn csv_error(file: &str, e: &csv::Error) -> PolicyError {
    let mut err = PolicyError::new(file, format!("cannot read the CSV: {e}"));
    if let Some(pos) = e.position() {
        err.line = Some(usize::try_from(pos.line()).unwrap_or(usize::MAX));
    }
    err
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &[u8]) -> Result<Roster, PolicyError> {
        Roster::parse(text, "pupils.csv", RosterKind::Pupils)
    }

    #[test]
    fn arbor_export_with_bom_quotes_and_crlf() {
        let r = parse(
            b"\xEF\xBB\xBF\"First Name\",\"Last Name\",\"Preferred First Name\",\"Preferred Last Name\",\"UPN\"\r\n\"Grace\",\"Adebayo\",\"Gracie\",\"Adebayo\",\"N845204118196\"\r\n",
        )
        .unwrap();
        assert_eq!(r.people.len(), 1);
        assert_eq!(r.people[0].forenames, ["Grace", "Gracie"]);
        assert_eq!(r.people[0].surnames, ["Adebayo"]);
    }

    #[test]
    fn sims_headers_case_and_punctuation_insensitive() {
        let r = parse(b"LEGAL SURNAME,Legal_Forename,Known-As,Reg. Group\nO'Brien,Sean,,7H\n").unwrap();
        assert_eq!(r.people[0].forenames, ["Sean"]);
        assert_eq!(r.people[0].surnames, ["O'Brien"]);
    }

    #[test]
    fn windows_1252_is_not_mangled() {
        // "Zoë,Müller" in Windows-1252, with a typographic apostrophe (0x92) in O’Neil.
        let r = parse(b"Forename,Surname\nZo\xEB,M\xFCller\nNiamh,O\x92Neil\n").unwrap();
        assert_eq!(r.people[0].forenames, ["Zoë"]);
        assert_eq!(r.people[0].surnames, ["Müller"]);
        assert_eq!(r.people[1].surnames, ["O\u{2019}Neil"]);
    }

    #[test]
    fn utf16_with_bom() {
        let text = "Forename,Surname\r\nSiân,Llewelyn\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let r = parse(&bytes).unwrap();
        assert_eq!(r.people[0].forenames, ["Siân"]);
    }

    #[test]
    fn missing_surname_names_the_headers_found() {
        let e = parse(b"Forename,Year Group,UPN\nAmy,7,X\n").unwrap_err();
        assert_eq!(e.file, "pupils.csv");
        assert_eq!(e.line, Some(1));
        assert!(e.message.contains("no surname column"), "{}", e.message);
        assert!(e.message.contains("Forename, Year Group, UPN"), "{}", e.message);
    }

    #[test]
    fn missing_forename_is_an_error() {
        let e = parse(b"Admission No,Class\n1234,7H\n").unwrap_err();
        assert!(e.message.contains("no forename column"), "{}", e.message);
    }

    #[test]
    fn empty_file_and_header_only_are_errors() {
        assert!(parse(b"").unwrap_err().message.contains("empty"));
        assert!(parse(b"Forename,Surname\n").unwrap_err().message.contains("no pupils"));
    }

    #[test]
    fn quoted_fields_with_commas_and_duplicate_rows() {
        let r = parse(b"Surname,Forename\n\"Hughes-Patel\",\"Maya\"\n\"Smith, Jr\",Tom\nHughes-Patel,Maya\n")
            .unwrap();
        assert_eq!(r.people.len(), 3);
        assert_eq!(r.people[1].surnames, ["Smith, Jr"]);
    }

    #[test]
    fn one_name_column_in_register_or_natural_order() {
        let r = parse(
            "Name,Reg Group\n\"NOWAK, Kacper Jan\",8R\nAmelia D'Souza,7H\n\"Ní Bhriain, Aoife\",9X\n"
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(
            (r.people[0].forenames.clone(), r.people[0].surnames.clone()),
            (vec!["Kacper".into()], vec!["NOWAK".into()])
        );
        assert_eq!(r.people[1].surnames, ["D'Souza"]);
        assert_eq!(r.people[2].surnames, ["Ní Bhriain"]);
    }

    #[test]
    fn staff_columns() {
        let r = Roster::parse(
            b"Title,Forename,Surname,Email,Role\nMrs,Helen,Marsh,H.Marsh@School.sch.uk,Headteacher\n",
            "staff.csv",
            RosterKind::Staff,
        )
        .unwrap();
        let p = &r.people[0];
        assert_eq!(p.title.as_deref(), Some("Mrs"));
        assert_eq!(p.email.as_deref(), Some("h.marsh@school.sch.uk"));
        assert_eq!(p.role.as_deref(), Some("Headteacher"));
    }
}
