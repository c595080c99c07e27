//! The cart: one package plus ordered lines, changed only by operations that keep every rule.
//!
//! Seed `order-cart-holds.txt`: "Every Order operation … all-or-nothing … any changes … should
//! be reverted or discarded, and the client must receive an appropriate error." The same holds
//! for our local cart: [`Cart::apply`] works on a copy and commits only if the copy still keeps
//! every rule of [`rules::check_selection`]; otherwise the cart is untouched and the error
//! names the rule.
//!
//! Lines keep the order they were added in, because the PR order body lists them in that order
//! (the seed's examples differ in where `ZMPBI` and the install charge sit).

use crate::catalog::{
    InstallCharge, Line, LineKind, Package, ProductCode, ProductKind, Technology,
};
use crate::installation::{CreditResult, InstallationKind, install_charge_for};
use crate::rules::{self, RuleViolation};
use serde::{Deserialize, Serialize};

/// A cart whose contents keep every selection rule. Deserializing re-checks them, so a cart
/// that arrives at the proxy is as trustworthy as one built in the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CartWire", into = "CartWire")]
pub struct Cart {
    technology: Technology,
    package: Option<Package>,
    lines: Vec<Line>,
    installation: Option<InstallationKind>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CartWire {
    technology: Technology,
    #[serde(default)]
    package: Option<Package>,
    #[serde(default)]
    lines: Vec<Line>,
    #[serde(default)]
    installation: Option<InstallationKind>,
}

impl TryFrom<CartWire> for Cart {
    type Error = RuleViolation;
    fn try_from(w: CartWire) -> Result<Self, Self::Error> {
        rules::check_selection(w.technology, w.package.as_ref(), &w.lines, w.installation)?;
        Ok(Self {
            technology: w.technology,
            package: w.package,
            lines: w.lines,
            installation: w.installation,
        })
    }
}

impl From<Cart> for CartWire {
    fn from(c: Cart) -> Self {
        Self {
            technology: c.technology,
            package: c.package,
            lines: c.lines,
            installation: c.installation,
        }
    }
}

/// One change to the cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "op")]
pub enum CartOp {
    /// Choose (or change) the package; the lines must still fit it.
    ChoosePackage { package: Package },
    /// Add one line (add-on, paper bill, CallType).
    AddLine { line: Line },
    /// Add an extra set-top box with its installation charge and tier activation, together
    /// (seed 004, "Key Considerations" 12 and 13). The three are the catalogue's lines: each
    /// must be of its kind, and the activation of the package's TV tier.
    AddExtraStb {
        stb: Line,
        install_charge: Line,
        activation: Line,
    },
    /// Remove the first line with this code (an extra box takes its charge and activation
    /// with it).
    RemoveLine { code: ProductCode },
    /// Choose the installation; the install-charge line follows from it and the credit result.
    ChooseInstallation {
        installation: InstallationKind,
        credit: CreditResult,
    },
}

impl Cart {
    pub fn new(technology: Technology) -> Self {
        Self {
            technology,
            package: None,
            lines: Vec::new(),
            installation: None,
        }
    }

    pub fn technology(&self) -> Technology {
        self.technology
    }
    pub fn package(&self) -> Option<&Package> {
        self.package.as_ref()
    }
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }
    pub fn installation(&self) -> Option<InstallationKind> {
        self.installation
    }
    pub fn has(&self, product: ProductKind) -> bool {
        self.package.as_ref().is_some_and(|p| p.has(product))
    }

    /// Apply one operation, all or nothing.
    pub fn apply(&mut self, op: CartOp) -> Result<(), RuleViolation> {
        let mut next = self.clone();
        next.apply_unchecked(op)?;
        rules::check_selection(
            next.technology,
            next.package.as_ref(),
            &next.lines,
            next.installation,
        )?;
        *self = next;
        Ok(())
    }

    /// Every rule including those about what must be there before the order is placed.
    pub fn check_complete(&self) -> Result<(), RuleViolation> {
        rules::check_complete(
            self.technology,
            self.package.as_ref(),
            &self.lines,
            self.installation,
        )
    }

    fn apply_unchecked(&mut self, op: CartOp) -> Result<(), RuleViolation> {
        match op {
            CartOp::ChoosePackage { package } => self.package = Some(package),
            CartOp::AddLine { line } => self.lines.push(line),
            CartOp::AddExtraStb {
                stb,
                install_charge,
                activation,
            } => {
                let package = self.package.as_ref().ok_or(RuleViolation::NoPackage)?;
                let tier = package
                    .tier()
                    .ok_or(RuleViolation::AddOnWithoutItsProduct {
                        code: stb.code().clone(),
                        product: ProductKind::Tv,
                    })?;
                if stb.kind() != LineKind::ExtraStb
                    || install_charge.kind() != LineKind::StbInstallCharge
                {
                    return Err(RuleViolation::ExtraStbIncomplete);
                }
                match activation.kind() {
                    LineKind::StbActivation(found) if found == tier => {}
                    LineKind::StbActivation(found) => {
                        return Err(RuleViolation::StbActivationWrongTier {
                            code: activation.code().clone(),
                            expected: tier,
                            found,
                        });
                    }
                    _ => return Err(RuleViolation::ExtraStbIncomplete),
                }
                self.lines.extend([stb, install_charge, activation]);
            }
            CartOp::RemoveLine { code } => {
                let at = self
                    .lines
                    .iter()
                    .position(|l| *l.code() == code)
                    .ok_or(RuleViolation::LineNotInCart { code })?;
                let removed = self.lines.remove(at);
                if removed.kind() == LineKind::ExtraStb {
                    // The box's companions go with it (they were added with it).
                    for companion in [
                        |k: LineKind| k == LineKind::StbInstallCharge,
                        |k: LineKind| matches!(k, LineKind::StbActivation(_)),
                    ] {
                        if let Some(i) = self.lines.iter().position(|l| companion(l.kind())) {
                            self.lines.remove(i);
                        }
                    }
                }
            }
            CartOp::ChooseInstallation {
                installation,
                credit,
            } => {
                let charge: InstallCharge = install_charge_for(installation, credit);
                let line = Line::install_charge(charge);
                self.installation = Some(installation);
                // Replace in place so the line keeps its position in the order body.
                match self
                    .lines
                    .iter()
                    .position(|l| matches!(l.kind(), LineKind::InstallCharge(_)))
                {
                    Some(i) => self.lines[i] = line,
                    None => self.lines.push(line),
                }
            }
        }
        Ok(())
    }
}
