//! Generated names for people, dealers and wholesalers. Every combination is synthetic; the
//! `meta` table marks the whole database as such.

use super::dist::{SeedRng, chance, pick};

#[rustfmt::skip]
const FIRST_US: &[&str] = &[
    "James", "Michael", "Robert", "David", "William", "Joseph", "Daniel", "Christopher", "Brandon", "Tyler", "Kevin",
    "Jason", "Ryan", "Justin", "Cody", "Travis", "Ashley", "Jessica", "Amanda", "Brittany", "Megan", "Crystal",
    "Heather", "Tiffany", "Melissa", "Stephanie", "Dustin", "Wesley", "Shane", "Kyle",
];

#[rustfmt::skip]
const FIRST_HISPANIC: &[&str] = &[
    "José", "Juan", "Luis", "Carlos", "Jesús", "Miguel", "Jorge", "Alejandro", "Francisco", "Ricardo", "Eduardo",
    "Fernando", "Raúl", "Sergio", "Arturo", "Óscar", "Rubén", "Adrián", "María", "Guadalupe", "Ana", "Verónica",
    "Rosa", "Leticia", "Gabriela", "Claudia", "Elena", "Alma", "Yesenia", "Marisol",
];

#[rustfmt::skip]
const SURNAMES: &[&str] = &[
    "García", "Martínez", "Hernández", "López", "González", "Rodríguez", "Pérez", "Sánchez", "Ramírez", "Torres",
    "Flores", "Rivera", "Gómez", "Díaz", "Reyes", "Cruz", "Morales", "Ortiz", "Gutiérrez", "Chávez", "Ramos",
    "Ruiz", "Mendoza", "Castillo", "Vargas", "Salazar", "Delgado", "Aguilar", "Medina", "Soto", "Smith", "Johnson",
    "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson",
    "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Hall", "Allen", "Young", "King",
    "Wright", "Scott", "Green", "Baker", "Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips", "Parker",
    "Evans", "Edwards", "Collins", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Bell", "Cooper", "Ward",
    "Ybarra", "Villarreal", "Cantú", "Garza", "Treviño", "Zamora", "Olivares", "Quintero", "Barrera", "Escobedo",
    "Lozano", "Cavazos", "Saldaña", "Benavides", "Peña", "Zúñiga", "Montoya", "Galindo", "Arredondo", "Tijerina",
];

/// A person's full name. Border-state buyers are more often Hispanic-named, as the region is.
pub(crate) fn person(rng: &mut SeedRng, border_state: bool) -> String {
    let first = if chance(rng, if border_state { 0.55 } else { 0.2 }) {
        pick(rng, FIRST_HISPANIC)
    } else {
        pick(rng, FIRST_US)
    };
    let last = pick(rng, SURNAMES);
    if chance(rng, 0.15) {
        let second = pick(rng, SURNAMES);
        format!("{first} {last} {second}")
    } else {
        format!("{first} {last}")
    }
}

/// A relative or associate of `name`: shares the surname (rings often use family members).
pub(crate) fn relative_of(rng: &mut SeedRng, name: &str) -> String {
    let surname = name.split(' ').nth(1).unwrap_or("García");
    let first = if chance(rng, 0.6) {
        pick(rng, FIRST_HISPANIC)
    } else {
        pick(rng, FIRST_US)
    };
    format!("{first} {surname}")
}

#[rustfmt::skip]
const SHOP_A: &[&str] = &[
    "Lone", "Red", "High", "Big", "Desert", "Border", "Canyon", "Mesquite", "Sagebrush", "Caliche", "Pecos", "Saguaro",
    "Copper", "Iron", "Blue", "Silver", "Eagle", "Coyote", "Frontier", "Sun", "Prairie", "Ridge", "Trail", "Rio",
];
#[rustfmt::skip]
const SHOP_B: &[&str] = &[
    "Mesa", "Creek", "Star", "Rock", "Butte", "Arroyo", "Valley", "Peak", "Horn", "Spur", "Trigger", "Range", "Oak",
    "Pine", "Wolf", "Hawk", "Stone", "Bluff",
];
#[rustfmt::skip]
const SHOP_C: &[&str] = &[
    "Outfitters", "Guns & Ammo", "Sporting Goods", "Firearms", "Tactical", "Shooting Supply", "Gun Shop", "Arms",
    "Trading Post", "Armory",
];
#[rustfmt::skip]
const PAWN_C: &[&str] = &["Pawn", "Pawn & Gun", "Pawn & Jewelry", "Loan & Pawn"];

/// A retail dealer's trade name (`pawn` for type-02 licences).
pub(crate) fn dealer(rng: &mut SeedRng, pawn: bool) -> String {
    let a = pick(rng, SHOP_A);
    let b = pick(rng, SHOP_B);
    let c = if pawn {
        pick(rng, PAWN_C)
    } else {
        pick(rng, SHOP_C)
    };
    let llc = if chance(rng, 0.3) { " LLC" } else { "" };
    format!("{a} {b} {c}{llc}")
}

/// Wholesale distributors in the chain between maker/importer and retail dealer.
#[rustfmt::skip]
pub(crate) const DISTRIBUTORS: &[(&str, &str)] = &[
    ("Southwest Sporting Distributors", "TX"),
    ("Gulf Plains Wholesale Arms", "TX"),
    ("Desert Range Supply Co.", "AZ"),
    ("Pacific Crest Distributing", "CA"),
    ("Rio Grande Jobbers Inc.", "NM"),
    ("Heartland Outdoor Wholesale", "MO"),
    ("Piedmont Sporting Supply", "NC"),
    ("Great Basin Distributors", "NV"),
    ("Sunbelt Firearms Wholesale", "FL"),
    ("Rocky Front Distributing", "CO"),
];

/// A case number in the style of a Mexican prosecutor's file (synthetic).
pub(crate) fn mx_case_number(rng: &mut SeedRng, code: &str, year: i32) -> String {
    format!(
        "FED/{code}/{:04}/{year}",
        super::dist::between(rng, 1, 9_999)
    )
}

/// A US agency case number (synthetic).
pub(crate) fn us_case_number(rng: &mut SeedRng, year: i32) -> String {
    format!("{year}-{:06}", super::dist::between(rng, 1, 999_999))
}
