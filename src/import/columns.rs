//! The documented column set of a seizure spreadsheet, in English and Spanish. A header is
//! matched after folding case, accents, spaces and hyphens (`Fecha`, `FECHA`, `país` and
//! `pais` are one), so a sheet typed by hand in either language is read as it was meant.

/// A column of the import file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    /// Groups rows into one seizure (one row per gun of the same event).
    Ref,
    OccurredAt,
    Kind,
    Country,
    State,
    Municipality,
    Port,
    Conveyance,
    Concealment,
    Summary,
    Serial,
    Obliterated,
    Make,
    Model,
    FirearmType,
    Caliber,
    Origin,
    Importer,
    Magazines,
    Ammunition,
    Parts,
}

/// Every column with its English name first, then the other names it is known by.
pub const COLUMNS: &[(Column, &[&str])] = &[
    (Column::Ref, &["ref", "reference", "referencia"]),
    (
        Column::OccurredAt,
        &["occurred_at", "date", "fecha", "fecha_hora"],
    ),
    (Column::Kind, &["kind", "event", "tipo", "tipo_evento"]),
    (Column::Country, &["country", "pais"]),
    (Column::State, &["state", "estado"]),
    (
        Column::Municipality,
        &["municipality", "city", "municipio", "ciudad"],
    ),
    (Column::Port, &["port", "port_of_entry", "puerto", "garita"]),
    (
        Column::Conveyance,
        &["conveyance", "vehicle", "transporte", "vehiculo"],
    ),
    (Column::Concealment, &["concealment", "ocultamiento"]),
    (
        Column::Summary,
        &["summary", "description", "resumen", "descripcion"],
    ),
    (
        Column::Serial,
        &["serial", "serial_number", "serie", "numero_de_serie"],
    ),
    (Column::Obliterated, &["obliterated", "borrado", "limado"]),
    (
        Column::Make,
        &["make", "manufacturer", "marca", "fabricante"],
    ),
    (Column::Model, &["model", "modelo"]),
    (
        Column::FirearmType,
        &["firearm_type", "type", "tipo_de_arma", "tipo_arma"],
    ),
    (Column::Caliber, &["caliber", "calibre"]),
    (
        Column::Origin,
        &["origin", "origin_country", "origen", "pais_de_origen"],
    ),
    (Column::Importer, &["importer", "importador"]),
    (Column::Magazines, &["magazines", "cargadores"]),
    (
        Column::Ammunition,
        &["ammunition", "rounds", "cartuchos", "municiones"],
    ),
    (Column::Parts, &["parts", "piezas", "partes"]),
];

impl Column {
    /// The English name (what the README's table and the JSON report use).
    pub fn name(self) -> &'static str {
        COLUMNS
            .iter()
            .find(|(c, _)| *c == self)
            .and_then(|(_, names)| names.first().copied())
            .unwrap_or("?")
    }

    /// The column a header names, in either language.
    pub fn from_header(header: &str) -> Option<Column> {
        let h = fold(header);
        COLUMNS
            .iter()
            .find(|(_, names)| names.contains(&h.as_str()))
            .map(|(c, _)| *c)
    }
}

/// Lower case, no accents, `_` for spaces and hyphens, trimmed (and no byte-order mark).
pub fn fold(s: &str) -> String {
    s.trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'ä' | 'Á' | 'À' | 'Ä' => 'a',
            'é' | 'è' | 'ë' | 'É' | 'È' | 'Ë' => 'e',
            'í' | 'ì' | 'ï' | 'Í' | 'Ì' | 'Ï' => 'i',
            'ó' | 'ò' | 'ö' | 'Ó' | 'Ò' | 'Ö' => 'o',
            'ú' | 'ù' | 'ü' | 'Ú' | 'Ù' | 'Ü' => 'u',
            'ñ' | 'Ñ' => 'n',
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_read_in_english_and_spanish_whatever_the_case_and_accents() {
        assert_eq!(Column::from_header("Fecha"), Some(Column::OccurredAt));
        assert_eq!(Column::from_header("occurred_at"), Some(Column::OccurredAt));
        assert_eq!(Column::from_header(" País "), Some(Column::Country));
        assert_eq!(Column::from_header("Número de serie"), Some(Column::Serial));
        assert_eq!(Column::from_header("PUERTO"), Some(Column::Port));
        assert_eq!(Column::from_header("\u{feff}ref"), Some(Column::Ref));
        assert_eq!(Column::from_header("colour"), None);
        assert_eq!(Column::OccurredAt.name(), "occurred_at");
    }
}
