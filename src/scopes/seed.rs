//! The seed of each scope's registry, derived from one base seed.

use crate::arn::ArnScope;

/// The seed of the registry serving `scope`, derived from `base_seed`: the same base seed and
/// scope always give the same seed, on every platform and whatever other scopes exist or were
/// used first, so each scope's run can be repeated on its own with
/// `InMemoryRegistry::builder().seed(derive_seed(base, &scope))`.
///
/// The derivation is part of the crate's stable behaviour: the 64-bit FNV-1a hash of the eight
/// little-endian bytes of `base_seed` followed by the UTF-8 bytes of
/// `<partition>:<region>:<account id>`, passed through SplitMix64's finalizer
/// (`z ^= z >> 30; z *= 0xbf58476d1ce4e5b9; z ^= z >> 27; z *= 0x94d049bb133111eb; z ^= z >> 31`).
///
/// ```
/// use sfn_registry::{ArnScope, derive_seed};
///
/// let west = ArnScope::new("aws", "us-west-2", "111111111111")?;
/// let china = ArnScope::new("aws-cn", "cn-north-1", "111111111111")?;
/// assert_eq!(derive_seed(7, &west), derive_seed(7, &west));
/// assert_ne!(derive_seed(7, &west), derive_seed(7, &china));
/// assert_ne!(derive_seed(7, &west), derive_seed(8, &west));
/// # Ok::<(), sfn_registry::ArnError>(())
/// ```
#[must_use]
pub fn derive_seed(base_seed: u64, scope: &ArnScope) -> u64 {
    const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
    let scope_bytes = [
        scope.partition().as_bytes(),
        b":",
        scope.region().as_bytes(),
        b":",
        scope.account_id().as_bytes(),
    ];
    let hash = base_seed
        .to_le_bytes()
        .iter()
        .chain(scope_bytes.into_iter().flatten())
        .fold(FNV_OFFSET, |hash, &byte| {
            (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME)
        });
    let mut z = hash;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope(partition: &str, region: &str, account: &str) -> ArnScope {
        ArnScope::new(partition, region, account).unwrap()
    }

    /// Values computed independently (Python: FNV-1a 64 over the bytes, then SplitMix64's
    /// finalizer), so that the derivation cannot change unnoticed.
    #[test]
    fn pinned_values() {
        assert_eq!(
            derive_seed(0, &scope("aws", "us-east-1", "123456789012")),
            0xed40_0847_7767_2647
        );
        assert_eq!(
            derive_seed(7, &scope("aws", "us-west-2", "111111111111")),
            0xf588_b042_a3d4_b2ee
        );
        assert_eq!(
            derive_seed(u64::MAX, &scope("aws-us-gov", "us-gov-west-1", "222222222222")),
            0x71da_22dc_0816_d57e
        );
    }

    #[test]
    fn the_parts_are_delimited() {
        // Moving a character between parts makes another scope, and another seed.
        assert_ne!(
            derive_seed(1, &scope("aws", "us-east-11", "123456789012")),
            derive_seed(1, &scope("aws", "us-east-1", "123456789012"))
        );
        assert_ne!(
            derive_seed(1, &scope("aws-a", "b", "123456789012")),
            derive_seed(1, &scope("aws", "a-b", "123456789012"))
        );
    }
}
