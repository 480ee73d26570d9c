//! Label selectors: `matchLabels` and `matchExpressions` (`In`, `NotIn`, `Exists`,
//! `DoesNotExist`), all requirements joined by AND; an empty selector selects everything.

use super::objects::{LabelSelector, Labels};

impl LabelSelector {
    /// Whether `labels` satisfy every requirement. An unknown operator matches nothing,
    /// as the API server would refuse the object.
    #[must_use]
    pub fn matches(&self, labels: &Labels) -> bool {
        self.match_labels
            .iter()
            .all(|(key, value)| labels.get(key) == Some(value))
            && self.match_expressions.iter().all(|requirement| {
                let value = labels.get(&requirement.key);
                match requirement.operator.as_str() {
                    "In" => value.is_some_and(|value| requirement.values.contains(value)),
                    "NotIn" => value.is_none_or(|value| !requirement.values.contains(value)),
                    "Exists" => value.is_some(),
                    "DoesNotExist" => value.is_none(),
                    _ => false,
                }
            })
    }
}

/// A Service's plain `selector:` map: every pair must match. (A Service without a
/// selector selects no pod; that case is the caller's.)
#[must_use]
pub fn map_matches(selector: &Labels, labels: &Labels) -> bool {
    selector
        .iter()
        .all(|(key, value)| labels.get(key) == Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::objects::SelectorRequirement;

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        pairs
            .iter()
            .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
            .collect()
    }

    fn expression(key: &str, operator: &str, values: &[&str]) -> SelectorRequirement {
        SelectorRequirement {
            key: key.to_owned(),
            operator: operator.to_owned(),
            values: values.iter().map(|value| (*value).to_owned()).collect(),
        }
    }

    #[test]
    fn the_documented_operators() {
        let pod = labels(&[("app", "api"), ("tier", "backend")]);
        let with = |requirements: Vec<SelectorRequirement>| LabelSelector {
            match_labels: Labels::new(),
            match_expressions: requirements,
        };
        assert!(LabelSelector::default().matches(&pod));
        assert!(with(vec![expression("app", "In", &["api", "web"])]).matches(&pod));
        assert!(!with(vec![expression("app", "In", &["web"])]).matches(&pod));
        assert!(with(vec![expression("app", "NotIn", &["web"])]).matches(&pod));
        assert!(with(vec![expression("zone", "NotIn", &["a"])]).matches(&pod));
        assert!(with(vec![expression("tier", "Exists", &[])]).matches(&pod));
        assert!(!with(vec![expression("tier", "DoesNotExist", &[])]).matches(&pod));
        assert!(!with(vec![expression("tier", "Between", &[])]).matches(&pod));
        // Requirements are ANDed, with matchLabels too.
        let both = LabelSelector {
            match_labels: labels(&[("app", "api")]),
            match_expressions: vec![expression("tier", "In", &["frontend"])],
        };
        assert!(!both.matches(&pod));
        assert!(map_matches(&labels(&[("app", "api")]), &pod));
        assert!(!map_matches(&labels(&[("app", "api"), ("v", "2")]), &pod));
    }
}
