//! A small checker for the TMF622 v4 swagger definitions: required fields, JSON types, enums,
//! `$ref` and array items. The seed's vendor extensions (`serviceAddress`,
//! `orderCharacteristics`) are not in the spec and are allowed, as swagger 2 allows extra
//! properties by default. Enough to catch a misspelt or mistyped TMF field without a heavy
//! JSON-schema crate.

use serde_json::Value;
use std::path::PathBuf;

/// `../../../shared/specs/tmf/TMF622-ProductOrdering-v4.0.0.swagger.json` from the crate dir.
pub fn swagger_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/specs/tmf/TMF622-ProductOrdering-v4.0.0.swagger.json")
}

/// The swagger's `definitions`, or `None` (with a message) when the file is absent.
pub fn definitions() -> Option<Value> {
    let path = swagger_path();
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let v: Value = serde_json::from_str(&text).expect("TMF622 swagger is JSON");
            Some(v["definitions"].clone())
        }
        Err(e) => {
            eprintln!(
                "SKIPPED: TMF622 swagger not found at {} ({e}); schema checks not run",
                path.display()
            );
            None
        }
    }
}

/// Errors of `value` against definition `name`, as JSON-pointer-ish paths.
pub fn validate(defs: &Value, name: &str, value: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    check(defs, &defs[name], value, &format!("{name}:"), &mut errors);
    errors
}

fn check(defs: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/definitions/");
        return check(defs, &defs[name], value, at, errors);
    }
    if let Some(t) = schema.get("type").and_then(Value::as_str) {
        let ok = match t {
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            "array" => value.is_array(),
            "object" => value.is_object(),
            _ => true,
        };
        if !ok {
            errors.push(format!("{at} expected {t}, found {value}"));
            return;
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array)
        && !allowed.contains(value)
    {
        errors.push(format!("{at} {value} not in {allowed:?}"));
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), value.as_array()) {
        for (i, item) in arr.iter().enumerate() {
            check(defs, items, item, &format!("{at}/{i}"), errors);
        }
    }
    if let Some(obj) = value.as_object() {
        if let Some(required) = schema.get("required").and_then(Value::as_array) {
            for r in required.iter().filter_map(Value::as_str) {
                if !obj.contains_key(r) {
                    errors.push(format!("{at} missing required {r}"));
                }
            }
        }
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (k, v) in obj {
                if let Some(p) = props.get(k) {
                    check(defs, p, v, &format!("{at}/{k}"), errors);
                }
            }
        }
    }
}
