//! How the service gets installed: self install or a technician visit, the codes each one
//! sends (campaign, reason, job type, install charge) and the telephone number newtype.
//!
//! Seed 004 fixes campaign and reason per installation kind ("Default Value if E1 for
//! technician visit, for self install value is SF"; "ECO" / "SIN"), so they are derived here
//! and can never be sent mismatched. The job type comes from the quote response and is passed
//! through; the tables of expected job types are here so the sandbox and the UI agree.

use crate::address::InputError;
use crate::catalog::{InstallCharge, Technology};
use crate::instant::{UNSCHEDULED, UtcMillis};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The customer's installation choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstallationKind {
    SelfInstall,
    TechnicianVisit,
}

impl InstallationKind {
    /// The `InstallationType` note text (seed 004: "SelfInstall" / "TechnicianVisit").
    pub fn note_text(self) -> &'static str {
        match self {
            Self::SelfInstall => "SelfInstall",
            Self::TechnicianVisit => "TechnicianVisit",
        }
    }
    /// `CampaignCode` (seed 004: "SIN" self install, "ECO" technician visit).
    pub fn campaign_code(self) -> &'static str {
        match self {
            Self::SelfInstall => "SIN",
            Self::TechnicianVisit => "ECO",
        }
    }
    /// `OrderReasonCode` (seed 004: "SF" self install, "E1" technician visit).
    pub fn reason_code(self) -> &'static str {
        match self {
            Self::SelfInstall => "SF",
            Self::TechnicianVisit => "E1",
        }
    }

    /// Job types the seed's tables list for this installation and technology.
    pub fn expected_job_types(self, technology: Technology) -> &'static [&'static str] {
        match (self, technology) {
            (Self::SelfInstall, Technology::Coax) => &["SC", "SS", "US"],
            (Self::SelfInstall, Technology::Ftth) => &["CS", "SF", "SU"],
            (Self::TechnicianVisit, Technology::Ftth) => &["FN", "FS", "FC"],
            (Self::TechnicianVisit, Technology::Coax) => {
                &["HC", "HN", "HR", "UH", "NC", "RC", "RS", "DN", "UP"]
            }
        }
    }
}

/// When the technician comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "at")]
pub enum Appointment {
    /// A slot the customer picked from `searchTimeSlot`.
    Slot(UtcMillis),
    /// No slot available: the BSS creates an unscheduled job and someone calls the customer.
    Unscheduled,
}

/// The installation with everything the order body needs about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "appointment")]
pub enum Installation {
    /// Seed 004: "In case of selfinstall, Order is always created with unscheduled job".
    SelfInstall,
    TechnicianVisit(Appointment),
}

impl Installation {
    pub fn kind(self) -> InstallationKind {
        match self {
            Self::SelfInstall => InstallationKind::SelfInstall,
            Self::TechnicianVisit(_) => InstallationKind::TechnicianVisit,
        }
    }

    /// `requestedCompletionDate`: the slot, or the unscheduled sentinel.
    pub fn requested_completion(self) -> UtcMillis {
        match self {
            Self::TechnicianVisit(Appointment::Slot(at)) => at,
            Self::SelfInstall | Self::TechnicianVisit(Appointment::Unscheduled) => UNSCHEDULED,
        }
    }
}

/// The outcome of the credit step (`credit.submit` / `credit.policy`), as far as the order
/// body cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CreditResult {
    Approved,
    DepositRequired,
}

/// Seed 004, "Key Considerations" 8: "Installation charges code will be decided by Hybris/CSR
/// based on customer Credit check and user selection."
///
/// The seed lists one in-scope code per choice (`0MSIN` "Current Code" for self install, the
/// examples' `0MINS` for a technician); both arms are written out per credit result so a
/// credit-dependent code, when the business adds one, is a one-line change here.
pub fn install_charge_for(choice: InstallationKind, credit: CreditResult) -> InstallCharge {
    match (choice, credit) {
        (InstallationKind::SelfInstall, CreditResult::Approved | CreditResult::DepositRequired) => {
            InstallCharge::SelfInstall
        }
        (
            InstallationKind::TechnicianVisit,
            CreditResult::Approved | CreditResult::DepositRequired,
        ) => InstallCharge::TechnicianVisit,
    }
}

/// A BSS job type: one of the 57 two-letter codes in seed 004's "Possible JobType Values".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct JobType(u8); // index into JOB_TYPES (a `&'static str` field would make serde
// demand `'de: 'static`)

/// Seed 004, "Possible JobType Values" (CTD, 2 digits).
pub const JOB_TYPES: [&str; 57] = [
    "AO", "AU", "BD", "BN", "BR", "BT", "BU", "CP", "CS", "DH", "DN", "EP", "FC", "FM", "FN", "FS",
    "GA", "HC", "HN", "HR", "IT", "KC", "KN", "KR", "KS", "KU", "MN", "MR", "NC", "NK", "NP", "OL",
    "PS", "RC", "RP", "RS", "RT", "SC", "SF", "SH", "SP", "SR", "SS", "SU", "TA", "TB", "TE", "TF",
    "TN", "TP", "TR", "UH", "UK", "UP", "US", "UT", "VD",
];

impl JobType {
    pub fn new(raw: &str) -> Result<Self, InputError> {
        JOB_TYPES
            .iter()
            .position(|j| *j == raw)
            .and_then(|i| u8::try_from(i).ok())
            .map(Self)
            .ok_or(InputError::Unknown("job type"))
    }
    pub fn as_str(self) -> &'static str {
        JOB_TYPES.get(usize::from(self.0)).copied().unwrap_or("")
    }
    /// Whether the seed's installation tables list this job type for the choice.
    pub fn is_expected_for(self, kind: InstallationKind, technology: Technology) -> bool {
        kind.expected_job_types(technology).contains(&self.as_str())
    }
}

impl TryFrom<String> for JobType {
    type Error = InputError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::new(&raw)
    }
}

impl From<JobType> for String {
    fn from(j: JobType) -> Self {
        j.as_str().to_owned()
    }
}

impl fmt::Display for JobType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A ten-digit NANP telephone number as the quote returns it (`9395455945`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TelephoneNumber(String);

impl TelephoneNumber {
    pub fn new(raw: &str) -> Result<Self, InputError> {
        const FIELD: &str = "telephone number";
        let digits: String = raw.chars().filter(|c| !" -().".contains(*c)).collect();
        if digits.is_empty() {
            return Err(InputError::Empty(FIELD));
        }
        if let Some(found) = digits.chars().find(|c| !c.is_ascii_digit()) {
            return Err(InputError::InvalidCharacter {
                field: FIELD,
                found,
            });
        }
        if digits.len() != 10 {
            return Err(InputError::WrongLength {
                field: FIELD,
                len: 10,
            });
        }
        Ok(Self(digits))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TelephoneNumber {
    type Error = InputError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::new(&raw)
    }
}

impl From<TelephoneNumber> for String {
    fn from(t: TelephoneNumber) -> Self {
        t.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seed 004 self-install table: "SIN SF SC SELF SERV CONNECT 0MSIN Current Code 0.00 Coax".
    #[test]
    fn self_install_sends_sin_sf_and_0msin() {
        let k = InstallationKind::SelfInstall;
        assert_eq!((k.campaign_code(), k.reason_code()), ("SIN", "SF"));
        assert_eq!(
            install_charge_for(k, CreditResult::Approved),
            InstallCharge::SelfInstall
        );
        assert_eq!(
            Installation::SelfInstall.requested_completion(),
            UNSCHEDULED
        );
    }

    /// Seed 004 technician table: "ECO E1 FN FTTH INSTALL Fiber".
    #[test]
    fn technician_visit_sends_eco_e1_and_a_fibre_job() {
        let k = InstallationKind::TechnicianVisit;
        assert_eq!((k.campaign_code(), k.reason_code()), ("ECO", "E1"));
        let fn_ = JobType::new("FN").unwrap();
        assert!(fn_.is_expected_for(k, Technology::Ftth));
        assert!(!fn_.is_expected_for(k, Technology::Coax));
        assert_eq!(
            install_charge_for(k, CreditResult::DepositRequired),
            InstallCharge::TechnicianVisit
        );
    }

    /// Seed 004: "Call Product Order API with Unscheduled Job" when slots are not available.
    #[test]
    fn unscheduled_technician_visit_uses_the_sentinel_date() {
        let i = Installation::TechnicianVisit(Appointment::Unscheduled);
        assert_eq!(i.requested_completion(), UNSCHEDULED);
        let at = UtcMillis(1_673_441_112_028);
        assert_eq!(
            Installation::TechnicianVisit(Appointment::Slot(at)).requested_completion(),
            at
        );
    }

    #[test]
    fn job_types_are_the_seed_list() {
        assert_eq!(JOB_TYPES.len(), 57);
        assert!(JobType::new("ZZ").is_err());
        for k in [
            InstallationKind::SelfInstall,
            InstallationKind::TechnicianVisit,
        ] {
            for t in [Technology::Ftth, Technology::Coax] {
                for j in k.expected_job_types(t) {
                    assert!(JobType::new(j).is_ok(), "{j}");
                }
            }
        }
    }

    #[test]
    fn telephone_numbers_are_ten_digits() {
        assert_eq!(
            TelephoneNumber::new("(939) 545-5945").unwrap().as_str(),
            "9395455945"
        );
        assert!(TelephoneNumber::new("939545594").is_err());
        assert!(TelephoneNumber::new("93954559x5").is_err());
    }
}
