//! The Spanish words of the filter and form languages, as Mexican investigators type them,
//! mapped to the API's names both ways: typed Spanish is read (`estado:nuevo`), and text the
//! console writes into a filter or form for a Spanish reader is written in Spanish
//! (`etapa:con-cargos`), so a Spanish screen never shows English syntax.

use crate::app::state::Lang;

/// Lowercases and drops the accents Spanish keys and values may be typed with or without
/// (`artículo` = `articulo`, `revisión` = `revision`); `ñ` is kept, it is a letter of its own.
pub(crate) fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' => 'a',
            'é' | 'è' => 'e',
            'í' => 'i',
            'ó' => 'o',
            'ú' | 'ü' => 'u',
            '-' | ' ' => '_',
            c => c,
        })
        .collect()
}

/// Spanish filter keys, as Mexican investigators would type them, mapped to the API's names.
/// "estado" is the triage status (as the issue's `estado:nuevo`); a federal entity is `entidad:`.
const KEYS_ES: &[(&str, &str)] = &[
    ("estado", "status"),
    ("estatus", "status"),
    ("tipo", "kind"),
    ("articulo", "item"),
    ("pais", "country"),
    ("orden", "sort"),
    ("dependencia", "agency"),
    ("entidad", "state"),
    ("puerto", "port"),
    ("desde", "from"),
    ("hasta", "to"),
    ("marca", "make"),
    ("calibre", "caliber"),
    ("modelo", "model"),
    ("serie", "serial"),
    ("comprador", "purchaser"),
    ("armeria", "dealer"),
    ("aseguramiento", "seizure"),
    ("etapa", "stage"),
    ("fecha", "date"),
    ("imputados", "defendants"),
    ("fiscalia", "office"),
];

/// Spanish values, per (English) key, mapped to the API's values.
const VALUES_ES: &[(&str, &str, &str)] = &[
    ("status", "nuevo", "new"),
    ("status", "en_revision", "in_review"),
    ("status", "rastreos_solicitados", "traces_requested"),
    ("status", "vinculado", "linked"),
    ("status", "cerrado", "closed"),
    ("status", "enviado", "submitted"),
    ("status", "en_curso", "in_progress"),
    ("status", "completado", "completed"),
    ("status", "no_rastreable", "not_traceable"),
    ("status", "abierto", "open"),
    ("status", "inactivo", "dormant"),
    ("stage", "sin_remitir", "none"),
    ("stage", "ninguna", "none"),
    ("stage", "remitido", "referred"),
    ("stage", "con_cargos", "charged"),
    ("stage", "resuelto", "resolved"),
    ("kind", "revision_fronteriza", "border_inspection"),
    ("kind", "revision", "border_inspection"),
    ("kind", "lugar_de_los_hechos", "crime_scene"),
    ("kind", "operativo", "operation"),
    ("item", "arma", "firearm"),
    ("item", "arma_de_fuego", "firearm"),
    ("item", "pieza", "part"),
    ("item", "cargador", "magazine"),
    ("item", "municion", "ammunition"),
    ("item", "cartucho", "ammunition"),
    ("country", "mx", "MX"),
    ("country", "eua", "US"),
    ("country", "eu", "US"),
    ("country", "mexico", "MX"),
    ("country", "mex", "MX"),
    ("sort", "recientes", "newest"),
    ("sort", "antiguos", "oldest"),
    ("ttc", "corto", "short"),
];

/// The API's name for a typed key (English or Spanish).
pub(crate) fn key_name(k: &str) -> String {
    match KEYS_ES.iter().find(|(es, _)| *es == k) {
        Some((_, en)) => (*en).to_string(),
        None => k.to_string(),
    }
}

/// The API's value for a typed value of `key` (English or Spanish; Spanish ones also in the
/// plural a user may type, `armas`).
pub(crate) fn value_name(key: &str, v: &str) -> String {
    let f = fold(v);
    let hit = |w: &str| {
        VALUES_ES
            .iter()
            .find(|(k, es, _)| *k == key && *es == w)
            .map(|(_, _, en)| (*en).to_string())
    };
    hit(&f)
        .or_else(|| f.strip_suffix('s').and_then(hit))
        .unwrap_or(f)
}

/// How `key` (the API's name) is written for a reader of `lang`: `country` → `país` in Spanish.
pub fn key_for(lang: Lang, key: &str) -> String {
    let es = match lang {
        Lang::Es => KEYS_ES.iter().find(|(_, en)| *en == key).map(|(es, _)| *es),
        Lang::En | Lang::Pseudo => None,
    };
    match es {
        Some("pais") => "país".to_string(),
        Some("fiscalia") => "fiscalía".to_string(),
        Some("articulo") => "artículo".to_string(),
        Some("armeria") => "armería".to_string(),
        Some(es) => es.to_string(),
        None => key.to_string(),
    }
}

/// How `value` (the API's value of `key`) is written for a reader of `lang`, with hyphens for
/// spaces (`con-cargos`); a value with no Spanish form (a country code) as it is.
pub fn value_for(lang: Lang, key: &str, value: &str) -> String {
    let es = match lang {
        Lang::Es => VALUES_ES
            .iter()
            .find(|(k, _, en)| *k == key && *en == value)
            .map(|(_, es, _)| es.replace('_', "-")),
        Lang::En | Lang::Pseudo => None,
    };
    es.unwrap_or_else(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the console writes for a Spanish reader reads back as the same API names.
    #[test]
    fn written_spanish_reads_back() {
        for (k, _, en) in VALUES_ES {
            let typed = value_for(Lang::Es, k, en);
            assert_eq!(value_name(k, &typed), *en, "{k}:{typed}");
        }
        for (_, en) in KEYS_ES {
            assert_eq!(key_name(&fold(&key_for(Lang::Es, en))), *en);
        }
        assert_eq!(key_for(Lang::En, "stage"), "stage");
        assert_eq!(value_for(Lang::Es, "stage", "charged"), "con-cargos");
        assert_eq!(key_for(Lang::Es, "country"), "país");
    }
}
