use super::*;

fn dim(field: &str, peer: PeerId) -> &'static Dimension {
    DIMENSIONS
        .iter()
        .find(|d| d.field == field && d.peer == peer)
        .unwrap()
}

fn lvl(l: Level) -> OurAnswer {
    OurAnswer::Level(l)
}

#[test]
fn every_component_and_field_in_the_table_exists() {
    for d in DIMENSIONS {
        if let Ours::Component(key) = d.ours {
            assert!(component(key).is_some(), "{key}");
        }
    }
    assert_eq!(fields(PeerId::Eosai).len(), 6);
    assert_eq!(fields(PeerId::Mot).len(), 9);
}

#[test]
fn reads_both_peers_values() {
    assert_eq!(theirs("open").unwrap().level, Level::Yes);
    assert_eq!(theirs("closed").unwrap().level, Level::No);
    assert!(theirs("").is_none());
    let t = theirs("included: Apache-2.0 (global)").unwrap();
    assert_eq!(t.license.as_deref(), Some("Apache-2.0"));
    assert!(t.inherited);
    let t = theirs("included: no license").unwrap();
    assert_eq!((t.level, t.license), (Level::Yes, None));
    assert_eq!(theirs("not included").unwrap().level, Level::No);
}

/// Classifies the peer's `value` for the dimension `field` against our level.
fn level_case(
    field: &str,
    peer: PeerId,
    m: MatchKind,
    kind: Kind,
    value: &str,
    ours: Level,
) -> Option<Class> {
    classify(
        dim(field, peer),
        m,
        kind,
        &theirs(value).unwrap(),
        &lvl(ours),
    )
}

#[test]
fn the_same_answer_agrees() {
    use MatchKind::Exact;
    let case = |f, p, v, l| level_case(f, p, Exact, Kind::Base, v, l);
    assert_eq!(
        case("trainingcode", PeerId::Eosai, "open", Level::Yes),
        Some(Class::Agree)
    );
    // MOT's "included" agrees with our partial.
    assert_eq!(
        case("training_code", PeerId::Mot, "included: MIT", Level::Partly),
        Some(Class::Agree)
    );
}

#[test]
fn another_artifact_is_a_different_unit() {
    let case = |f, m| level_case(f, PeerId::Eosai, m, Kind::Base, "closed", Level::Yes);
    assert_eq!(
        case("trainingcode", MatchKind::Family),
        Some(Class::DifferentUnit)
    );
    // Fine-tuning data of an end model says nothing about a base release.
    assert_eq!(
        case("datasources_endmodel", MatchKind::Exact),
        Some(Class::DifferentUnit)
    );
}

#[test]
fn absence_coded_closed_is_a_different_rule() {
    let cases = [
        ("trainingcode", PeerId::Eosai, "closed", Level::Unknown),
        // MOT lists only what its file declares: "not included" against our open.
        ("training_code", PeerId::Mot, "not included", Level::Yes),
        // Partial here against closed there is a threshold, not a contradiction.
        ("datasheet", PeerId::Eosai, "closed", Level::Partly),
        ("licenses", PeerId::Eosai, "partial", Level::Yes),
    ];
    for (field, peer, value, ours) in cases {
        assert_eq!(
            level_case(field, peer, MatchKind::Exact, Kind::Base, value, ours),
            Some(Class::DifferentRule),
            "{field} {value}"
        );
    }
}

#[test]
fn an_inherited_license_is_a_different_rule_and_an_own_one_a_fact() {
    let d = dim("inference_code", PeerId::Mot);
    let d = DIMENSIONS
        .iter()
        .find(|x| x.field == d.field && x.ours == Ours::CodeLicense)
        .unwrap();
    let ours = OurAnswer::License {
        id: "apache-2.0".into(),
        spdx: Some("Apache-2.0".into()),
    };
    let case = |value| {
        classify(
            d,
            MatchKind::Exact,
            Kind::Base,
            &theirs(value).unwrap(),
            &ours,
        )
    };
    assert_eq!(
        case("included: Llama-3 (global)"),
        Some(Class::DifferentRule)
    );
    assert_eq!(case("included: MIT"), Some(Class::Factual));
    assert_eq!(case("included: apache 2.0"), Some(Class::Agree));
    assert!(same_license(
        "Llama 2 Community License",
        "llama-2-community",
        None
    ));
    assert!(same_license("BSD-3", "bsd-3-clause", Some("BSD-3-Clause")));
    assert!(!same_license(
        "unlicensed",
        "apache-2.0",
        Some("Apache-2.0")
    ));
    assert!(!same_license("MIT", "mit-0", None));
}

#[test]
fn open_against_closed_on_the_same_artifact_is_factual() {
    let d = dim("weights_endmodel", PeerId::Eosai);
    let t = theirs("closed").unwrap();
    assert_eq!(
        classify(d, MatchKind::Exact, Kind::Instruct, &t, &lvl(Level::Yes)),
        Some(Class::Factual)
    );
    assert_eq!(
        classify(d, MatchKind::Exact, Kind::Instruct, &t, &OurAnswer::Nothing),
        None
    );
}

#[test]
fn license_levels() {
    use LicenseClass::*;
    assert_eq!(level_of_licenses(None, &[]), Level::Unknown);
    assert_eq!(level_of_licenses(Some(RestrictedUse), &[]), Level::No);
    assert_eq!(
        level_of_licenses(Some(OsiPermissive), &[OpenContent]),
        Level::Yes
    );
    assert_eq!(level_of_licenses(Some(OsiPermissive), &[]), Level::Partly);
}
