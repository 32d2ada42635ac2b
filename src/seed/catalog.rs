//! The synthetic firearm catalogue. Makes and models are invented; types and calibres follow two
//! published populations (see [`MODELS`]): the guns recovered in Mexico and traced (about 60%
//! handguns, 9 mm the leading calibre) and the guns found in southbound inspections (mostly AK- and
//! AR-pattern rifles), with the typical trafficked guns (AK/AR variants, 9 mm and .38 Super
//! pistols, some .50 BMG rifles).

use crate::model::FirearmType;

/// Broad families, used for item descriptions, magazines and multiple-sale rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    Ak,
    Ar,
    Handgun,
    Rimfire,
    Smoothbore,
    BattleRifle,
    Fifty,
}

/// One model in the catalogue.
pub(crate) struct Model {
    pub make: &'static str,
    pub model: &'static str,
    pub kind: FirearmType,
    pub caliber: &'static str,
    /// ISO 3166 alpha-2 country of manufacture.
    pub origin: &'static str,
    /// US importer, for foreign-made guns that entered the US market. `None` on a foreign gun
    /// means it never went through the US (not US-sourced).
    pub importer: Option<&'static str>,
    pub family: Family,
    /// Serial template: `#` a digit, `@` a letter, anything else literal.
    pub serial: &'static str,
    /// Per mille of firearms recovered in Mexico and traced.
    pub traced: u32,
    /// Per mille of firearms found in southbound inspections at US ports.
    pub border: u32,
}

impl Model {
    /// Went through the US retail market, so a trace can in principle reach a US purchaser.
    pub fn us_channel(&self) -> bool {
        self.origin == "US" || self.importer.is_some()
    }

    /// Calibre class used by ballistic correlation, or `None` where imaging is not done
    /// (.22, .50 and shotguns are traditionally excluded).
    pub fn caliber_class(&self) -> Option<&'static str> {
        caliber_class_of(self.caliber)
    }
}

pub(crate) fn caliber_class_of(caliber: &str) -> Option<&'static str> {
    match caliber {
        "9mm Luger" => Some("9mm"),
        "7.62x39mm" => Some("7.62x39"),
        ".223 Rem" | "5.56x45mm" => Some("5.56/.223"),
        ".38 Super" => Some(".38 Super"),
        ".45 ACP" => Some(".45 ACP"),
        ".40 S&W" => Some(".40 S&W"),
        ".380 ACP" => Some(".380 ACP"),
        _ => None,
    }
}

const GCI: Option<&str> = Some("Gulf Coast Import Co.");
const SAB: Option<&str> = Some("Sabine Arms Importers");
const PIN: Option<&str> = Some("Pinecrest International Arms");
const ATL: Option<&str> = Some("Atlas Tactical Imports");

/// Table-row constructor: one positional argument per column keeps the table readable.
#[allow(clippy::too_many_arguments)]
const fn m(
    make: &'static str,
    model: &'static str,
    kind: FirearmType,
    caliber: &'static str,
    origin: &'static str,
    importer: Option<&'static str>,
    family: Family,
    serial: &'static str,
    traced: u32,
    border: u32,
) -> Model {
    Model {
        make,
        model,
        kind,
        caliber,
        origin,
        importer,
        family,
        serial,
        traced,
        border,
    }
}

use Family::*;
use FirearmType::*;

/// Per-mille weights in two populations, because which population a figure describes matters:
///
/// - `traced` — firearms recovered in Mexico and submitted for tracing. ATF trace data on Mexico
///   recoveries: 2017–22, 123,741 traced, handguns 63%, long guns 35%; 2022–23, pistols 50%,
///   rifles 32%, 9 mm about 44% of calibres and .22 about 16% (ATF NFCTA Vol. IV / crime-gun
///   report, Jan 2025, via press). About 70% US-sourced (GAO-16-223: 73,684 of 104,850 submitted
///   2009–14; GAO-21-322: 70% for 2014–18), so foreign guns that never entered the US market
///   (`importer: None`) carry about 29% here (ring purchases, all US-market, make up the rest).
/// - `border` — southbound inspections at US ports, where long guns dominate: one prosecutor's
///   sample of 413 seized guns (2014–15) had 74% long guns, 7.62×39 48%, .223 18%, 5.56 5%.
///
/// Columns: make, model, type, calibre, origin, importer, family, serial template, traced, border.
#[rustfmt::skip]
pub(crate) const MODELS: &[Model] = &[
    // 7.62x39: AK-pattern (traced 155, border 480)
    m("Carpathia Arms", "WR-10", Rifle, "7.62x39mm", "RO", GCI, Ak, "@@-####-##", 30, 100),
    m("Balkan Precision", "BP-47", Rifle, "7.62x39mm", "BG", SAB, Ak, "BP######", 10, 50),
    m("Morava Arms", "MZ-70", Rifle, "7.62x39mm", "RS", ATL, Ak, "MZ#######", 10, 50),
    m("Ridgeline Arms", "RAK-47", Rifle, "7.62x39mm", "US", None, Ak, "RAK######", 20, 60),
    m("Ridgeline Arms", "RAK-47P", Pistol, "7.62x39mm", "US", None, Ak, "RKP#####", 5, 25),
    m("Carpathia Arms", "WR-10 select-fire conversion", MachineGun, "7.62x39mm", "RO", GCI, Ak, "@@-####-##", 10, 5),
    m("Eastern Star Arsenal", "ES-56", Rifle, "7.62x39mm", "CN", None, Ak, "########", 45, 120),
    m("Volga Arms Works", "VK-47M", Rifle, "7.62x39mm", "RU", None, Ak, "##@######", 25, 70),
    // .223: AR-pattern (traced 75, border 180)
    m("Ridgeline Arms", "RX-15", Rifle, ".223 Rem", "US", None, Ar, "RX#######", 25, 60),
    m("Sabre Creek Firearms", "SC-15 Sport", Rifle, ".223 Rem", "US", None, Ar, "SCF######", 15, 45),
    m("Lone Mesa Rifle Co.", "LM4", Rifle, ".223 Rem", "US", None, Ar, "LMR#####", 10, 35),
    m("Sabre Creek Firearms", "SC-15 Pistol", Pistol, ".223 Rem", "US", None, Ar, "SCP######", 5, 10),
    m("Andes Armas", "AA-223", Rifle, ".223 Rem", "CO", None, Ar, "AA######", 20, 30),
    // 5.56 (traced 35, border 50)
    m("Sabre Creek Firearms", "SC-4 Carbine", Rifle, "5.56x45mm", "US", None, Ar, "SC4######", 20, 30),
    m("Levant Defense", "LD-556", Rifle, "5.56x45mm", "IL", PIN, Ar, "LD######", 5, 10),
    m("Levant Defense", "LD-556", Rifle, "5.56x45mm", "IL", None, Ar, "LD######", 10, 10),
    // 9 mm pistols (traced 430, border 110)
    m("Alpenwerk", "AW-17", Pistol, "9mm Luger", "AT", PIN, Handgun, "@@@###", 110, 35),
    m("Sabre Creek Firearms", "SC9", Pistol, "9mm Luger", "US", None, Handgun, "SC9-#####", 70, 15),
    m("Ridgeline Arms", "RP-9 Compact", Pistol, "9mm Luger", "US", None, Handgun, "RP9######", 70, 15),
    m("Dalmatia Arms", "DX-9", Pistol, "9mm Luger", "HR", ATL, Handgun, "DX######", 50, 15),
    m("Anatolia Silah", "AS-9", Pistol, "9mm Luger", "TR", None, Handgun, "T####-##@#####", 75, 15),
    m("Parana Armas", "PR-92", Pistol, "9mm Luger", "BR", None, Handgun, "@@@#####", 60, 15),
    // .38 Super (traced 25, border 50)
    m("Brazos Arms", "1911 Super", Pistol, ".38 Super", "US", None, Handgun, "BZS#####", 12, 30),
    m("Luzon Arms", "LZ-1911S", Pistol, ".38 Super", "PH", PIN, Handgun, "LZ######", 5, 12),
    m("Luzon Arms", "LZ-1911S", Pistol, ".38 Super", "PH", None, Handgun, "LZ######", 8, 8),
    // .22 (traced 160, border 40)
    m("Prairie Rimfire", "PR-22 Rifle", Rifle, ".22 LR", "US", None, Rimfire, "#########", 70, 20),
    m("Prairie Rimfire", "Plinker 22", Pistol, ".22 LR", "US", None, Rimfire, "PL######", 0, 12),
    m("Prairie Rimfire", "Scout 22", Revolver, ".22 LR", "US", None, Rimfire, "S#####", 60, 8),
    m("Rio Plata Armas", "RP-22 Revólver", Revolver, ".22 LR", "AR", None, Rimfire, "RP#####", 30, 0),
    // other handguns (traced 95, border 70)
    m("Brazos Arms", "1911 Government", Pistol, ".45 ACP", "US", None, Handgun, "BZ#####", 12, 20),
    m("Alpenwerk", "AW-22", Pistol, ".40 S&W", "AT", PIN, Handgun, "@@@###", 8, 15),
    m("Sabre Creek Firearms", "SC380 Pocket", Pistol, ".380 ACP", "US", None, Handgun, "SCK#####", 8, 12),
    m("Anatolia Silah", "AS-380", Pistol, ".380 ACP", "TR", None, Handgun, "T####-##@#####", 7, 8),
    m("Brazos Arms", "Trail 38", Revolver, ".38 Special", "US", None, Handgun, "T######", 40, 15),
    // shotguns (traced 25, border 15), battle rifles (10, 12), .50 BMG (5, 5)
    m("Meridian Shotguns", "MS-12 Pump", Shotgun, "12 gauge", "US", None, Smoothbore, "MS#######", 15, 10),
    m("Anatolia Silah", "AS-12 Semi", Shotgun, "12 gauge", "TR", PIN, Smoothbore, "T####-##@#####", 10, 5),
    m("Ridgeline Arms", "RX-10", Rifle, ".308 Win", "US", None, BattleRifle, "RXT######", 10, 12),
    m("Thunder Basin Arms", "TB-50", Rifle, ".50 BMG", "US", None, Fifty, "TB5####", 5, 5),
];

impl Family {
    /// Semi-automatic rifles above .22 taking a detachable magazine: subject to form 3310.12.
    pub fn reportable_rifle(self) -> bool {
        matches!(self, Ak | Ar | BattleRifle | Fifty)
    }

    /// What magazines for this family are called on an inventory line.
    /// The magazines that come with guns of this family, as the recording side writes them.
    pub fn magazine_in(self, es: bool) -> &'static str {
        if !es {
            return self.magazine();
        }
        match self {
            Ak => "cargadores tipo AK de 30 cartuchos",
            Ar => "cargadores tipo AR de 30 cartuchos",
            Handgun => "cargadores de pistola (15–17 cartuchos)",
            Rimfire => "cargadores calibre .22",
            Smoothbore => "portacartuchos de escopeta",
            BattleRifle => "cargadores .308 de 20 cartuchos",
            Fifty => "cargadores .50 BMG de 10 cartuchos",
        }
    }

    /// The family's pattern label (`AK-pattern` / `tipo AK`), empty for most families.
    pub fn label_in(self, es: bool) -> &'static str {
        match (self, es) {
            (Ak, true) => "tipo AK",
            (Ar, true) => "tipo AR",
            _ => self.label(),
        }
    }

    pub fn magazine(self) -> &'static str {
        match self {
            Ak => "AK-pattern 30-round magazines",
            Ar => "AR-pattern 30-round magazines",
            Handgun => "pistol magazines (15–17 rounds)",
            Rimfire => ".22 magazines",
            Smoothbore => "shotgun shell carriers",
            BattleRifle => "20-round .308 magazines",
            Fifty => "10-round .50 BMG magazines",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Ak => "AK-pattern",
            Ar => "AR-pattern",
            _ => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(weight: fn(&Model) -> u32, pick: impl Fn(&Model) -> bool) -> f64 {
        let total: u32 = MODELS.iter().map(weight).sum();
        MODELS.iter().filter(|m| pick(m)).map(weight).sum::<u32>() as f64 / total as f64
    }

    #[test]
    fn traced_guns_are_mostly_handguns_and_nine_millimetre() {
        let t = |m: &Model| m.traced;
        let handguns = share(t, |m| matches!(m.kind, Pistol | Revolver));
        assert!((0.55..0.66).contains(&handguns), "handguns {handguns}");
        let pistols = share(t, |m| m.kind == Pistol);
        assert!((0.46..0.54).contains(&pistols), "pistols {pistols}");
        let rifles = share(t, |m| m.kind == Rifle);
        assert!((0.30..0.36).contains(&rifles), "rifles {rifles}");
        let nine = share(t, |m| m.caliber == "9mm Luger");
        assert!((0.41..0.47).contains(&nine), "9 mm {nine}");
        let rimfire = share(t, |m| m.caliber == ".22 LR");
        assert!((0.14..0.18).contains(&rimfire), ".22 {rimfire}");
        let us = share(t, Model::us_channel);
        assert!((0.66..0.74).contains(&us), "US-market {us}");
    }

    #[test]
    fn southbound_finds_stay_long_guns_and_ak_calibre() {
        let b = |m: &Model| m.border;
        let long = share(b, |m| matches!(m.kind, Rifle | Shotgun | MachineGun));
        assert!((0.70..0.78).contains(&long), "long guns {long}");
        assert!((0.45..0.51).contains(&share(b, |m| m.caliber == "7.62x39mm")));
        assert!((0.16..0.20).contains(&share(b, |m| m.caliber == ".223 Rem")));
        assert!((0.04..0.06).contains(&share(b, |m| m.caliber == "5.56x45mm")));
    }
}
