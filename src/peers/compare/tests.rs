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

#[test]
fn the_same_answer_agrees() {
    let d = dim("trainingcode", PeerId::Eosai);
    let t = theirs("open").unwrap();
    assert_eq!(
        classify(d, MatchKind::Exact, Kind::Base, &t, &lvl(Level::Yes)),
        Some(Class::Agree)
    );
    // MOT's "included" agrees with our partial.
    let d = dim("training_code", PeerId::Mot);
    let t = theirs("included: MIT").unwrap();
    assert_eq!(
        classify(d, MatchKind::Exact, Kind::Base, &t, &lvl(Level::Partly)),
        Some(Class::Agree)
    );
}

#[test]
fn another_artifact_is_a_different_unit() {
    let d = dim("trainingcode", PeerId::Eosai);
    let t = theirs("closed").unwrap();
    assert_eq!(
        classify(d, MatchKind::Family, Kind::Base, &t, &lvl(Level::Yes)),
        Some(Class::DifferentUnit)
    );
    // Fine-tuning data of an end model says nothing about a base release.
    let d = dim("datasources_endmodel", PeerId::Eosai);
    assert_eq!(
        classify(d, MatchKind::Exact, Kind::Base, &t, &lvl(Level::Yes)),
        Some(Class::DifferentUnit)
    );
}

#[test]
fn absence_coded_closed_is_a_different_rule() {
    let d = dim("trainingcode", PeerId::Eosai);
    let t = theirs("closed").unwrap();
    assert_eq!(
        classify(d, MatchKind::Exact, Kind::Base, &t, &lvl(Level::Unknown)),
        Some(Class::DifferentRule)
    );
    // MOT lists only what its file declares: "not included" against our open.
    let d = dim("training_code", PeerId::Mot);
    let t = theirs("not included").unwrap();
    assert_eq!(
        classify(d, MatchKind::Exact, Kind::Base, &t, &lvl(Level::Yes)),
        Some(Class::DifferentRule)
    );
    // Partial here against closed there is a threshold, not a contradiction.
    let d = dim("datasheet", PeerId::Eosai);
    let t = theirs("closed").unwrap();
    assert_eq!(
        classify(d, MatchKind::Exact, Kind::Base, &t, &lvl(Level::Partly)),
        Some(Class::DifferentRule)
    );
    let d = dim("licenses", PeerId::Eosai);
    let t = theirs("partial").unwrap();
    assert_eq!(
        classify(d, MatchKind::Exact, Kind::Base, &t, &lvl(Level::Yes)),
        Some(Class::DifferentRule)
    );
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
    let t = theirs("included: Llama-3 (global)").unwrap();
    assert_eq!(
        classify(d, MatchKind::Exact, Kind::Base, &t, &ours),
        Some(Class::DifferentRule)
    );
    let t = theirs("included: MIT").unwrap();
    assert_eq!(
        classify(d, MatchKind::Exact, Kind::Base, &t, &ours),
        Some(Class::Factual)
    );
    let t = theirs("included: apache 2.0").unwrap();
    assert_eq!(
        classify(d, MatchKind::Exact, Kind::Base, &t, &ours),
        Some(Class::Agree)
    );
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
