//! Places: the 32 Mexican states (weighted by the recoveries ATF reports), southbound ports of
//! entry, and the US states where traced guns were first sold (TX ~40%, AZ/CA/NM ~a third).

/// A Mexican state with its share of recoveries (per mille-ish weights) and a few municipalities.
pub(crate) struct MxState {
    pub name: &'static str,
    /// ISO 3166-2:MX code without the `MX-` prefix; used in incident ids.
    pub code: &'static str,
    pub weight: u32,
    pub municipalities: &'static [&'static str],
}

const fn st(
    name: &'static str,
    code: &'static str,
    weight: u32,
    municipalities: &'static [&'static str],
) -> MxState {
    MxState {
        name,
        code,
        weight,
        municipalities,
    }
}

/// All 32 states; the ten top recovery states of the 2021–23 figures carry most of the weight.
#[rustfmt::skip]
pub(crate) const MX_STATES: &[MxState] = &[
    st("Sonora", "SON", 110, &["Hermosillo", "Nogales", "Cajeme", "San Luis Río Colorado", "Caborca", "Agua Prieta"]),
    st("Baja California", "BCN", 100, &["Tijuana", "Mexicali", "Ensenada", "Tecate"]),
    st("Chihuahua", "CHH", 100, &["Juárez", "Chihuahua", "Cuauhtémoc", "Parral", "Nuevo Casas Grandes"]),
    st("Nuevo León", "NLE", 70, &["Monterrey", "Apodaca", "Guadalupe", "Cadereyta Jiménez"]),
    st("Tamaulipas", "TAM", 70, &["Reynosa", "Nuevo Laredo", "Matamoros", "Ciudad Victoria", "Tampico"]),
    st("Guanajuato", "GUA", 65, &["Celaya", "León", "Irapuato", "Salamanca"]),
    st("Michoacán", "MIC", 60, &["Morelia", "Uruapan", "Apatzingán", "Zamora"]),
    st("Jalisco", "JAL", 55, &["Guadalajara", "Zapopan", "Tlaquepaque", "Puerto Vallarta"]),
    st("Zacatecas", "ZAC", 50, &["Fresnillo", "Zacatecas", "Guadalupe", "Jerez"]),
    st("Sinaloa", "SIN", 50, &["Culiacán", "Mazatlán", "Los Mochis", "Navolato"]),
    st("Guerrero", "GRO", 30, &["Acapulco", "Chilpancingo", "Iguala"]),
    st("Estado de México", "MEX", 30, &["Ecatepec", "Toluca", "Nezahualcóyotl"]),
    st("Ciudad de México", "CMX", 25, &["Iztapalapa", "Cuauhtémoc", "Gustavo A. Madero"]),
    st("Veracruz", "VER", 20, &["Veracruz", "Xalapa", "Coatzacoalcos", "Poza Rica"]),
    st("Coahuila", "COA", 20, &["Piedras Negras", "Saltillo", "Torreón", "Acuña"]),
    st("Durango", "DUR", 15, &["Durango", "Gómez Palacio", "Lerdo"]),
    st("Morelos", "MOR", 15, &["Cuernavaca", "Cuautla", "Jiutepec"]),
    st("San Luis Potosí", "SLP", 12, &["San Luis Potosí", "Ciudad Valles", "Matehuala"]),
    st("Puebla", "PUE", 12, &["Puebla", "Tehuacán", "San Martín Texmelucan"]),
    st("Colima", "COL", 12, &["Colima", "Manzanillo", "Tecomán"]),
    st("Quintana Roo", "ROO", 10, &["Cancún (Benito Juárez)", "Playa del Carmen (Solidaridad)", "Chetumal (Othón P. Blanco)"]),
    st("Oaxaca", "OAX", 10, &["Oaxaca de Juárez", "Juchitán", "Salina Cruz"]),
    st("Chiapas", "CHP", 10, &["Tapachula", "Tuxtla Gutiérrez", "Comitán"]),
    st("Nayarit", "NAY", 8, &["Tepic", "Bahía de Banderas"]),
    st("Querétaro", "QUE", 8, &["Querétaro", "San Juan del Río"]),
    st("Hidalgo", "HID", 8, &["Pachuca", "Tula de Allende", "Tulancingo"]),
    st("Tabasco", "TAB", 8, &["Villahermosa (Centro)", "Cárdenas", "Cunduacán"]),
    st("Aguascalientes", "AGU", 5, &["Aguascalientes", "Jesús María"]),
    st("Baja California Sur", "BCS", 5, &["La Paz", "Los Cabos"]),
    st("Campeche", "CAM", 4, &["Campeche", "Ciudad del Carmen"]),
    st("Tlaxcala", "TLA", 4, &["Tlaxcala", "Apizaco"]),
    st("Yucatán", "YUC", 3, &["Mérida", "Valladolid"]),
];

/// A southbound inspection point on the US side.
pub(crate) struct Port {
    pub name: &'static str,
    /// US state, full name (seizure records name the state in full).
    pub state: &'static str,
    pub city: &'static str,
    pub weight: u32,
}

const fn port(name: &'static str, state: &'static str, city: &'static str, weight: u32) -> Port {
    Port {
        name,
        state,
        city,
        weight,
    }
}

#[rustfmt::skip]
pub(crate) const PORTS: &[Port] = &[
    port("El Paso", "Texas", "El Paso", 18),
    port("Laredo", "Texas", "Laredo", 18),
    port("Nogales", "Arizona", "Nogales", 14),
    port("San Ysidro", "California", "San Diego", 12),
    port("Calexico", "California", "Calexico", 7),
    port("Douglas", "Arizona", "Douglas", 6),
    port("Brownsville", "Texas", "Brownsville", 7),
    port("Hidalgo", "Texas", "Hidalgo", 7),
    port("Eagle Pass", "Texas", "Eagle Pass", 5),
    port("Del Rio", "Texas", "Del Rio", 4),
    port("Otay Mesa", "California", "San Diego", 5),
    port("San Luis", "Arizona", "San Luis", 3),
    port("Lukeville", "Arizona", "Lukeville", 2),
    port("Santa Teresa", "New Mexico", "Santa Teresa", 2),
    port("Columbus", "New Mexico", "Columbus", 1),
    port("Presidio", "Texas", "Presidio", 1),
];

/// A US state where dealers sell: its share of first retail sales of traced guns and the parts
/// of a synthetic FFL licence number (`region-district-county-type-expiry-sequence`).
pub(crate) struct UsState {
    pub code: &'static str,
    pub weight: u32,
    pub region: u8,
    pub district: u8,
    pub cities: &'static [&'static str],
}

const fn us(
    code: &'static str,
    weight: u32,
    region: u8,
    district: u8,
    cities: &'static [&'static str],
) -> UsState {
    UsState {
        code,
        weight,
        region,
        district,
        cities,
    }
}

/// TX ≈ 40%; AZ + CA + NM ≈ 33%; the rest spread over other states.
#[rustfmt::skip]
pub(crate) const US_STATES: &[UsState] = &[
    us("TX", 400, 5, 74, &["Houston", "San Antonio", "Dallas", "El Paso", "Laredo", "McAllen", "Austin", "Odessa", "Lubbock", "Brownsville"]),
    us("AZ", 140, 9, 86, &["Phoenix", "Tucson", "Mesa", "Glendale", "Yuma", "Sierra Vista"]),
    us("CA", 110, 9, 33, &["Los Angeles", "San Diego", "Fresno", "Bakersfield", "Riverside", "El Centro"]),
    us("NM", 80, 5, 85, &["Albuquerque", "Las Cruces", "Roswell", "Deming", "Santa Fe"]),
    us("FL", 30, 1, 59, &["Miami", "Orlando", "Tampa", "Jacksonville"]),
    us("GA", 25, 1, 58, &["Atlanta", "Savannah", "Macon"]),
    us("NV", 25, 9, 88, &["Las Vegas", "Reno", "Henderson"]),
    us("CO", 25, 4, 84, &["Denver", "Colorado Springs", "Pueblo"]),
    us("OK", 25, 5, 73, &["Oklahoma City", "Tulsa", "Lawton"]),
    us("IL", 20, 3, 36, &["Chicago", "Joliet", "Peoria"]),
    us("NC", 20, 1, 56, &["Charlotte", "Raleigh", "Fayetteville"]),
    us("LA", 20, 5, 72, &["Baton Rouge", "Shreveport", "Lafayette"]),
    us("UT", 15, 4, 87, &["Salt Lake City", "Ogden", "Provo"]),
    us("WA", 15, 9, 91, &["Seattle", "Spokane", "Tacoma"]),
    us("OH", 15, 3, 31, &["Columbus", "Cleveland", "Dayton"]),
    us("VA", 15, 8, 54, &["Richmond", "Norfolk", "Roanoke"]),
    us("KS", 10, 4, 48, &["Wichita", "Topeka"]),
    us("AR", 10, 5, 71, &["Little Rock", "Fort Smith"]),
    us("TN", 10, 1, 62, &["Nashville", "Memphis", "Knoxville"]),
    us("MO", 10, 4, 43, &["Kansas City", "St. Louis", "Springfield"]),
];

/// The Southwest border states where form 3310.12 (multiple rifle sales) applies.
pub(crate) fn rifle_report_state(code: &str) -> bool {
    matches!(code, "TX" | "AZ" | "CA" | "NM")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_two_states_and_shares_match_the_brief() {
        assert_eq!(MX_STATES.len(), 32);
        let mut codes: Vec<&str> = MX_STATES.iter().map(|s| s.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 32);
        let total: u32 = US_STATES.iter().map(|s| s.weight).sum();
        let tx = US_STATES[0].weight as f64 / total as f64;
        let sw: u32 = US_STATES
            .iter()
            .filter(|s| matches!(s.code, "AZ" | "CA" | "NM"))
            .map(|s| s.weight)
            .sum();
        assert!((0.37..0.43).contains(&tx), "TX share {tx}");
        assert!((0.28..0.38).contains(&(sw as f64 / total as f64)));
    }
}
