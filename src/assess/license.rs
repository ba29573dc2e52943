//! License rules (DESIGN §5): the computed class of a license and whether it is
//! OSAID-compatible, with the restrictions that decide it.

use crate::model::*;

/// What the index says of one license, computed once and shown everywhere.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LicenseAssessment {
    /// The computed class.
    pub class: LicenseClass,
    /// Whether it grants every OSAID freedom.
    pub osaid_compatible: bool,
    /// The restrictions that keep it from doing so, in words.
    pub restrictions: Vec<String>,
}

/// Assesses one license.
pub fn assess(l: &License) -> LicenseAssessment {
    LicenseAssessment {
        class: class(l),
        osaid_compatible: osaid_compatible(l),
        restrictions: restrictions(l),
    }
}

/// The license class, from the license's recorded terms.
pub fn class(l: &License) -> LicenseClass {
    match l.standard {
        LicenseStandard::Proprietary => LicenseClass::Proprietary,
        _ if l.scale_cap.applies || l.revocation.applies => LicenseClass::CustomCapped,
        _ if l.field_of_use.applies || l.geographic.applies => LicenseClass::RestrictedUse,
        LicenseStandard::OsiApproved if l.copyleft => LicenseClass::OsiCopyleft,
        LicenseStandard::OsiApproved => LicenseClass::OsiPermissive,
        LicenseStandard::OpenContent => LicenseClass::OpenContent,
        LicenseStandard::Custom => LicenseClass::CustomPermissive,
    }
}

/// The restrictions that keep a license from granting every freedom, in words.
pub fn restrictions(l: &License) -> Vec<String> {
    let mut out = Vec::new();
    if l.standard == LicenseStandard::Proprietary {
        out.push("no license to the weights".to_string());
    }
    for (term, what) in l.restricting_terms() {
        if term.applies {
            out.push(match &term.detail {
                Some(d) => format!("{what} ({d})"),
                None => what.to_string(),
            });
        }
    }
    if l.standard == LicenseStandard::Custom && out.is_empty() {
        out.push("a custom license, not OSI-approved".to_string());
    }
    out
}

/// OSAID-compatible: a standard open license granting use, study, modification and
/// sharing for any purpose, with no restriction on who, what field, where or what scale.
pub fn osaid_compatible(l: &License) -> bool {
    matches!(
        l.standard,
        LicenseStandard::OsiApproved | LicenseStandard::OpenContent
    ) && l.restricting_terms().iter().all(|(t, _)| !t.applies)
}

/// How permissive a class is, lower is freer; used by the lineage rule to spot a
/// derivative that claims freer terms than its base.
pub fn permissiveness_rank(c: LicenseClass) -> u8 {
    match c {
        LicenseClass::OsiPermissive | LicenseClass::OpenContent => 0,
        LicenseClass::OsiCopyleft => 1,
        LicenseClass::CustomPermissive => 2,
        LicenseClass::RestrictedUse => 3,
        LicenseClass::CustomCapped => 4,
        LicenseClass::Proprietary => 5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::testing::license;

    #[test]
    fn apache_is_permissive_and_compatible() {
        let l = license("apache-2.0", LicenseStandard::OsiApproved);
        assert_eq!(class(&l), LicenseClass::OsiPermissive);
        assert!(osaid_compatible(&l));
        assert!(restrictions(&l).is_empty());
    }

    #[test]
    fn a_scale_cap_makes_a_license_capped_and_incompatible() {
        let mut l = license("llama", LicenseStandard::Custom);
        l.scale_cap = Term {
            applies: true,
            detail: Some("700 million monthly active users".into()),
            evidence: Box::default(),
        };
        l.field_of_use.applies = true;
        assert_eq!(class(&l), LicenseClass::CustomCapped);
        assert!(!osaid_compatible(&l));
        assert_eq!(
            restrictions(&l)[0],
            "scale cap (700 million monthly active users)"
        );
    }

    #[test]
    fn use_restrictions_on_an_osi_style_text_still_break_compatibility() {
        let mut l = license("rail", LicenseStandard::OsiApproved);
        l.field_of_use.applies = true;
        assert_eq!(class(&l), LicenseClass::RestrictedUse);
        assert!(!osaid_compatible(&l));
    }

    #[test]
    fn copyleft_and_content_and_custom_and_proprietary() {
        let mut gpl = license("gpl", LicenseStandard::OsiApproved);
        gpl.copyleft = true;
        assert_eq!(class(&gpl), LicenseClass::OsiCopyleft);
        assert!(osaid_compatible(&gpl));
        assert_eq!(
            class(&license("cc", LicenseStandard::OpenContent)),
            LicenseClass::OpenContent
        );
        let custom = license("mod-mit", LicenseStandard::Custom);
        assert_eq!(class(&custom), LicenseClass::CustomPermissive);
        assert!(!osaid_compatible(&custom));
        assert_eq!(
            class(&license("tos", LicenseStandard::Proprietary)),
            LicenseClass::Proprietary
        );
    }

    #[test]
    fn discretionary_revocation_caps() {
        let mut l = license("x", LicenseStandard::Custom);
        l.revocation.applies = true;
        assert_eq!(class(&l), LicenseClass::CustomCapped);
    }
}
