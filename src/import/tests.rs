use chrono::TimeZone;

use super::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap()
}

const HEADER: &str =
    "ref,occurred_at,state,municipality,port,serial,make,model,type,caliber,origin,magazines\n";

fn read(body: &str) -> Plan {
    plan(format!("{HEADER}{body}").as_bytes(), now()).unwrap()
}

fn only_problem(p: &Plan) -> &Problem {
    assert_eq!(p.problems.len(), 1, "{:#?}", p.problems);
    &p.problems[0]
}

#[test]
fn a_clean_file_plans_one_seizure_per_row_and_one_per_ref() {
    let p = read(
        "A1,2026-05-01 08:30,Texas,,Laredo,ABC123,Colt,M4,rifle,5.56,US,3\n\
         A1,2026-05-01 08:30,Texas,,Laredo,XYZ9,Glock,19,pistol,9mm,AT,2\n\
         ,2026-05-02,Sonora,Hermosillo,,,,,,,,10\n",
    );
    assert!(p.problems.is_empty(), "{:#?}", p.problems);
    assert_eq!(p.rows, 3);
    assert_eq!(p.seizures.len(), 2);
    let laredo = &p.seizures[0].seizure;
    assert_eq!(p.seizures[0].rows, vec![2, 3]);
    assert_eq!(laredo.kind, SeizureKind::BorderInspection);
    assert_eq!(laredo.country, Country::US);
    assert_eq!(laredo.municipality, "Laredo");
    // Two guns and the magazines of both rows in one line.
    assert_eq!(laredo.items.len(), 3);
    let magazines = laredo.items.iter().find(|i| i.kind == ItemKind::Magazine);
    assert_eq!(magazines.unwrap().quantity, 5);
    let sonora = &p.seizures[1].seizure;
    assert_eq!(sonora.kind, SeizureKind::CrimeScene);
    assert_eq!(sonora.country, Country::MX);
    assert_eq!(
        sonora.occurred_at,
        Utc.with_ymd_and_hms(2026, 5, 2, 12, 0, 0).unwrap()
    );
    assert_eq!(p.firearms(), 2);
    // The key is the content's: the same file gives the same keys.
    assert_eq!(read("A1,2026-05-01 08:30,Texas,,Laredo,ABC123,Colt,M4,rifle,5.56,US,3\nA1,2026-05-01 08:30,Texas,,Laredo,XYZ9,Glock,19,pistol,9mm,AT,2\n").seizures[0].key, p.seizures[0].key);
}

#[test]
fn spanish_headers_and_values_are_read() {
    let csv = "referencia,fecha,estado,municipio,serie,marca,modelo,tipo_de_arma,calibre,origen,borrado,cartuchos,tipo\n\
               ,2026-04-30T22:15,Nuevo León,Monterrey,K-77??,Norinco,MAK-90,fusil,7.62x39,CN,sí,120,operativo\n";
    let p = plan(csv.as_bytes(), now()).unwrap();
    assert!(p.problems.is_empty(), "{:#?}", p.problems);
    let s = &p.seizures[0].seizure;
    assert_eq!(s.state, "Nuevo León");
    assert_eq!(s.kind, SeizureKind::Operation);
    let gun = s.items[0].firearm.as_ref().unwrap();
    assert_eq!(gun.kind, FirearmType::Rifle);
    assert!(gun.obliterated);
    assert_eq!(gun.serial, "K-77??");
    assert_eq!(s.items[1].quantity, 120);
}

#[test]
fn a_bad_date_is_named_by_row_and_column() {
    let p = read(",31/12/2025,Sonora,Nogales,,,,,,,,1\n");
    let pr = only_problem(&p);
    assert_eq!((pr.row, pr.column.as_str()), (2, "occurred_at"));
    assert!(pr.message.starts_with("bad date"), "{}", pr.message);
    let p = read(",2027-01-01,Sonora,Nogales,,,,,,,,1\n");
    assert!(only_problem(&p).message.contains("future"));
    assert!(p.seizures.is_empty());
}

#[test]
fn an_unknown_state_is_named() {
    let p = read(",2026-05-01,Atlantis,X,,,,,,,,1\n,2026-05-01,Sonora,Nogales,,,,,,,,1\n");
    let pr = only_problem(&p);
    assert_eq!((pr.row, pr.column.as_str()), (2, "state"));
    assert!(pr.message.starts_with("unknown state"));
    assert_eq!(p.seizures.len(), 1, "the valid row is still planned");
}

#[test]
fn a_serial_with_control_characters_is_refused() {
    let p = read(",2026-05-01,Sonora,Nogales,,AB\u{1b}[2J12,Colt,M4,rifle,5.56,US,\n");
    let pr = only_problem(&p);
    assert_eq!((pr.row, pr.column.as_str()), (2, "serial"));
    assert!(pr.message.contains("control characters"));
    let p = read(",2026-05-01,Sonora,Nogales,,AB\u{202e}12,Colt,M4,rifle,5.56,US,\n");
    assert!(only_problem(&p).message.contains("control characters"));
}

#[test]
fn a_duplicate_row_names_the_first() {
    let row = ",2026-05-01,Sonora,Nogales,,,,,,,,4\n";
    let p = read(&format!("{row}{row}"));
    let pr = only_problem(&p);
    assert_eq!(pr.row, 3);
    assert_eq!(pr.message, "duplicate of row 2");
    assert_eq!(p.seizures.len(), 1);
    assert_eq!(p.invalid_rows(), 1);
}

#[test]
fn missing_required_fields_are_named() {
    // No date; a described gun without its make; a border inspection without a port.
    let p = read(",,Sonora,Nogales,,,,,,,,1\n");
    assert_eq!(only_problem(&p).column, "occurred_at");
    assert_eq!(only_problem(&p).message, "missing required field");
    let p = read(",2026-05-01,Sonora,Nogales,,ABC1,,M4,rifle,5.56,US,\n");
    assert_eq!(only_problem(&p).column, "make");
    let p = read(",2026-05-01,Sonora,Nogales,,,,,,,,\n");
    assert!(
        only_problem(&p)
            .message
            .starts_with("missing required field")
    );
    // A required column absent from the header is said once, at row 1.
    let p = plan(b"fecha,municipio\n2026-05-01,Nogales\n", now()).unwrap();
    assert_eq!(only_problem(&p).row, 1);
    assert_eq!(only_problem(&p).column, "state");
}

#[test]
fn rows_of_one_ref_must_agree_on_the_event() {
    let p = read(
        "R,2026-05-01,Sonora,Nogales,,,,,,,,1\n\
         R,2026-05-01,Sonora,Hermosillo,,,,,,,,2\n",
    );
    let pr = only_problem(&p);
    assert_eq!((pr.row, pr.column.as_str()), (3, "municipality"));
    assert!(p.seizures.is_empty());
}

#[test]
fn unknown_headers_and_unreadable_files_are_said() {
    let p = plan(b"fecha,estado,colour\n2026-05-01,Sonora,red\n", now()).unwrap();
    assert_eq!(only_problem(&p).column, "colour");
    assert!(plan(b"", now()).is_err());
}
