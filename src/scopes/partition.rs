//! The AWS partition a region belongs to, by the rules of the SDKs' `partitions.json`.

use std::fmt;

/// An AWS partition: the first component of every ARN in it (`arn:aws-cn:…`).
///
/// [`Partition::of_region`] resolves a region as the AWS SDKs do from their `partitions.json`
/// (the `aws.partition` function of the endpoint rules): a region the file names explicitly, then
/// a region matching a partition's `regionRegex`, and otherwise `aws`. The table follows
/// `partitions.json` version 1.1 (botocore 1.44):
///
/// | partition | `regionRegex` | also named |
/// |---|---|---|
/// | `aws` | `^(us\|eu\|ap\|sa\|ca\|me\|af\|il\|mx)\-\w+\-\d+$` | `aws-global` |
/// | `aws-cn` | `^cn\-\w+\-\d+$` | `aws-cn-global` |
/// | `aws-eusc` | `^eusc\-(de)\-\w+\-\d+$` | |
/// | `aws-iso` | `^us\-iso\-\w+\-\d+$` | `aws-iso-global` |
/// | `aws-iso-b` | `^us\-isob\-\w+\-\d+$` | `aws-iso-b-global` |
/// | `aws-iso-e` | `^eu\-isoe\-\w+\-\d+$` | `aws-iso-e-global` |
/// | `aws-iso-f` | `^us\-isof\-\w+\-\d+$` | `aws-iso-f-global` |
/// | `aws-us-gov` | `^us\-gov\-\w+\-\d+$` | `aws-us-gov-global` |
///
/// `\w` and `\d` are ASCII (`[A-Za-z0-9_]`, `[0-9]`), and `$` is the end of the string, as in
/// the Rust SDK's resolver.
///
/// ```
/// use sfn_registry::Partition;
///
/// assert_eq!(Partition::of_region("us-west-2"), Partition::Aws);
/// assert_eq!(Partition::of_region("cn-north-1").as_str(), "aws-cn");
/// assert_eq!(Partition::of_region("us-gov-west-1").as_str(), "aws-us-gov");
/// assert_eq!(Partition::of_region("us-isob-east-1").as_str(), "aws-iso-b");
/// // A region no partition claims is in `aws`, as the SDKs resolve it.
/// assert_eq!(Partition::of_region("mars-north-1"), Partition::Aws);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Partition {
    /// `aws`: the commercial regions.
    Aws,
    /// `aws-cn`: China (`cn-*`).
    AwsCn,
    /// `aws-eusc`: the AWS European Sovereign Cloud (`eusc-de-*`).
    AwsEusc,
    /// `aws-iso`: `us-iso-*`.
    AwsIso,
    /// `aws-iso-b`: `us-isob-*`.
    AwsIsoB,
    /// `aws-iso-e`: `eu-isoe-*`.
    AwsIsoE,
    /// `aws-iso-f`: `us-isof-*`.
    AwsIsoF,
    /// `aws-us-gov`: AWS GovCloud (US) (`us-gov-*`).
    AwsUsGov,
}

/// One row of the table: the partition, the alternatives of its regex's prefix (each followed by
/// `\-\w+\-\d+$`), and the regions it names beyond its regex.
struct Rule {
    partition: Partition,
    prefixes: &'static [&'static str],
    named: &'static [&'static str],
}

/// `partitions.json`, in its order.
const RULES: &[Rule] = &[
    Rule {
        partition: Partition::Aws,
        prefixes: &["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"],
        named: &["aws-global"],
    },
    Rule {
        partition: Partition::AwsCn,
        prefixes: &["cn"],
        named: &["aws-cn-global"],
    },
    Rule {
        partition: Partition::AwsEusc,
        prefixes: &["eusc-de"],
        named: &[],
    },
    Rule {
        partition: Partition::AwsIso,
        prefixes: &["us-iso"],
        named: &["aws-iso-global"],
    },
    Rule {
        partition: Partition::AwsIsoB,
        prefixes: &["us-isob"],
        named: &["aws-iso-b-global"],
    },
    Rule {
        partition: Partition::AwsIsoE,
        prefixes: &["eu-isoe"],
        named: &["aws-iso-e-global"],
    },
    Rule {
        partition: Partition::AwsIsoF,
        prefixes: &["us-isof"],
        named: &["aws-iso-f-global"],
    },
    Rule {
        partition: Partition::AwsUsGov,
        prefixes: &["us-gov"],
        named: &["aws-us-gov-global"],
    },
];

/// `rest` matches `\-\w+\-\d+$` (ASCII classes). `\w` excludes `-`, so the split is unique.
fn matches_tail(rest: &str) -> bool {
    let Some(rest) = rest.strip_prefix('-') else {
        return false;
    };
    let Some((word, digits)) = rest.split_once('-') else {
        return false;
    };
    !word.is_empty()
        && word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
}

impl Rule {
    fn matches_regex(&self, region: &str) -> bool {
        self.prefixes
            .iter()
            .any(|prefix| region.strip_prefix(prefix).is_some_and(matches_tail))
    }
}

impl Partition {
    /// Every partition, in the order of `partitions.json`.
    pub const ALL: &'static [Partition] = &[
        Partition::Aws,
        Partition::AwsCn,
        Partition::AwsEusc,
        Partition::AwsIso,
        Partition::AwsIsoB,
        Partition::AwsIsoE,
        Partition::AwsIsoF,
        Partition::AwsUsGov,
    ];

    /// The partition `region` belongs to; `aws` for a region no partition claims (an empty or
    /// unknown one included), as the SDKs resolve it.
    #[must_use]
    pub fn of_region(region: &str) -> Partition {
        RULES
            .iter()
            .find(|rule| rule.named.contains(&region))
            .or_else(|| RULES.iter().find(|rule| rule.matches_regex(region)))
            .map_or(Partition::Aws, |rule| rule.partition)
    }

    /// The partition's name as ARNs carry it: `aws`, `aws-cn`, `aws-us-gov`, …
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Partition::Aws => "aws",
            Partition::AwsCn => "aws-cn",
            Partition::AwsEusc => "aws-eusc",
            Partition::AwsIso => "aws-iso",
            Partition::AwsIsoB => "aws-iso-b",
            Partition::AwsIsoE => "aws-iso-e",
            Partition::AwsIsoF => "aws-iso-f",
            Partition::AwsUsGov => "aws-us-gov",
        }
    }
}

impl fmt::Display for Partition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Every region `partitions.json` 1.1 lists, with its partition.
    const LISTED: &[(&str, &str)] = &[
        ("af-south-1", "aws"),
        ("ap-east-1", "aws"),
        ("ap-east-2", "aws"),
        ("ap-northeast-1", "aws"),
        ("ap-northeast-2", "aws"),
        ("ap-northeast-3", "aws"),
        ("ap-south-1", "aws"),
        ("ap-south-2", "aws"),
        ("ap-southeast-1", "aws"),
        ("ap-southeast-7", "aws"),
        ("aws-global", "aws"),
        ("ca-central-1", "aws"),
        ("ca-west-1", "aws"),
        ("eu-central-1", "aws"),
        ("eu-north-1", "aws"),
        ("eu-south-2", "aws"),
        ("eu-west-3", "aws"),
        ("il-central-1", "aws"),
        ("me-central-1", "aws"),
        ("me-south-1", "aws"),
        ("me-west-1", "aws"),
        ("mx-central-1", "aws"),
        ("sa-east-1", "aws"),
        ("sa-west-1", "aws"),
        ("us-east-1", "aws"),
        ("us-west-2", "aws"),
        ("aws-cn-global", "aws-cn"),
        ("cn-north-1", "aws-cn"),
        ("cn-northwest-1", "aws-cn"),
        ("eusc-de-east-1", "aws-eusc"),
        ("aws-iso-global", "aws-iso"),
        ("us-iso-east-1", "aws-iso"),
        ("us-iso-west-1", "aws-iso"),
        ("aws-iso-b-global", "aws-iso-b"),
        ("us-isob-east-1", "aws-iso-b"),
        ("us-isob-west-1", "aws-iso-b"),
        ("aws-iso-e-global", "aws-iso-e"),
        ("eu-isoe-west-1", "aws-iso-e"),
        ("aws-iso-f-global", "aws-iso-f"),
        ("us-isof-east-1", "aws-iso-f"),
        ("us-isof-south-1", "aws-iso-f"),
        ("aws-us-gov-global", "aws-us-gov"),
        ("us-gov-east-1", "aws-us-gov"),
        ("us-gov-west-1", "aws-us-gov"),
    ];

    #[test]
    fn every_listed_region_is_in_its_partition() {
        for (region, partition) in LISTED {
            assert_eq!(Partition::of_region(region).as_str(), *partition, "{region}");
        }
    }

    #[test]
    fn the_regexes_match_as_written() {
        // Future regions of each partition.
        for (region, partition) in [
            ("us-north-9", "aws"),
            ("ap-south_east-12", "aws"),
            ("eu-X9-0", "aws"),
            ("cn-south-3", "aws-cn"),
            ("eusc-de-west-2", "aws-eusc"),
            ("us-iso-north-7", "aws-iso"),
            ("us-isob-south-1", "aws-iso-b"),
            ("eu-isoe-east-4", "aws-iso-e"),
            ("us-isof-west-2", "aws-iso-f"),
            ("us-gov-central-3", "aws-us-gov"),
        ] {
            assert_eq!(Partition::of_region(region).as_str(), partition, "{region}");
        }
        // Near misses fall back to `aws`, as no regex claims them.
        for region in [
            "",
            "cn",
            "cn-",
            "cn-north",
            "cn-north-",
            "cn--1",
            "cn-north-1a",
            "cn-north-1-",
            "cn-north-east-1",
            "CN-north-1",
            "xcn-north-1",
            "eusc-fr-east-1",
            "us-gov-1",
            "us-gov-west-1\n",
            "us-isoc-east-1",
            "cn-nörth-1",
            "cn-north-١",
            "aws-cn-global2",
            "local",
        ] {
            assert_eq!(Partition::of_region(region), Partition::Aws, "{region:?}");
        }
    }

    #[test]
    fn names_round_trip() {
        for partition in Partition::ALL {
            assert_eq!(partition.to_string(), partition.as_str());
        }
        let names: std::collections::BTreeSet<&str> = Partition::ALL.iter().map(|p| p.as_str()).collect();
        assert_eq!(names.len(), Partition::ALL.len());
        assert_eq!(RULES.iter().map(|r| r.partition).collect::<Vec<_>>(), Partition::ALL);
    }

    /// The regexes, written as a regex engine reads them, for the property below.
    fn regex_oracle(region: &str) -> Option<&'static str> {
        let parts: Vec<&str> = region.split('-').collect();
        let word = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        match parts.as_slice() {
            [p, w, d] if ["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"].contains(p) && word(w) && digits(d) => {
                Some("aws")
            }
            ["cn", w, d] if word(w) && digits(d) => Some("aws-cn"),
            ["eusc", "de", w, d] if word(w) && digits(d) => Some("aws-eusc"),
            ["us", "iso", w, d] if word(w) && digits(d) => Some("aws-iso"),
            ["us", "isob", w, d] if word(w) && digits(d) => Some("aws-iso-b"),
            ["eu", "isoe", w, d] if word(w) && digits(d) => Some("aws-iso-e"),
            ["us", "isof", w, d] if word(w) && digits(d) => Some("aws-iso-f"),
            ["us", "gov", w, d] if word(w) && digits(d) => Some("aws-us-gov"),
            _ => None,
        }
    }

    proptest! {
        #[test]
        fn resolution_agrees_with_the_regexes(region in "(us|eu|cn|eusc|ap|mx|xx)(-(de|gov|iso|isob|isoe|isof|isoc|west|[a-z_0-9]{0,3})){0,3}(-[0-9]{0,2}[a-z]?)?") {
            let expected = RULES
                .iter()
                .find(|r| r.named.contains(&region.as_str()))
                .map(|r| r.partition.as_str())
                .or_else(|| regex_oracle(&region))
                .unwrap_or("aws");
            prop_assert_eq!(Partition::of_region(&region).as_str(), expected);
        }

        #[test]
        fn only_ascii_regions_leave_aws(region in any::<String>()) {
            let partition = Partition::of_region(&region);
            prop_assert!(partition == Partition::Aws || region.is_ascii(), "{region:?} in {partition}");
        }
    }
}
