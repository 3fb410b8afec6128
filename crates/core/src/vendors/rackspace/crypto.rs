//! Encryption passphrases never leave the browser in clear: the API takes them encrypted with the
//! agent's RSA public key (`ModulusHex`/`ExponentHex`), as hex. We use PKCS#1 v1.5 padding, what
//! .NET's `RSACryptoServiceProvider.Encrypt(data, false)` (the agent's platform) decrypts.

use rand_core::OsRng;
use rsa::{BigUint, Pkcs1v15Encrypt, RsaPublicKey};

fn number(hex: &str, what: &str) -> Result<BigUint, String> {
    let compact: String = hex.split_whitespace().collect();
    if compact.is_empty() || !compact.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(format!("The agent's public key {what} is not hexadecimal."));
    }
    BigUint::parse_bytes(compact.as_bytes(), 16)
        .ok_or_else(|| format!("The agent's public key {what} cannot be read."))
}

/// The passphrase encrypted for the agent, as lowercase hex.
pub fn encrypt_passphrase(
    modulus_hex: &str,
    exponent_hex: &str,
    passphrase: &str,
) -> Result<String, String> {
    if passphrase.is_empty() {
        return Err("Enter the passphrase.".into());
    }
    let key = RsaPublicKey::new(
        number(modulus_hex, "modulus")?,
        number(exponent_hex, "exponent")?,
    )
    .map_err(|e| format!("The agent's public key is not usable: {e}."))?;
    let encrypted = key
        .encrypt(&mut OsRng, Pkcs1v15Encrypt, passphrase.as_bytes())
        .map_err(|e| format!("The passphrase cannot be encrypted with this key: {e}."))?;
    Ok(encrypted.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsa::traits::PublicKeyParts;
    use rsa::RsaPrivateKey;

    #[test]
    fn the_agent_can_decrypt_what_the_console_sends() {
        let private = RsaPrivateKey::new(&mut OsRng, 1024).unwrap();
        let public = private.to_public_key();
        let hex = |n: &BigUint| {
            n.to_bytes_be()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        };
        // The document wraps keys with spaces; they are not part of the number.
        let modulus = hex(public.n());
        let wrapped = format!("{} {}", &modulus[..40], &modulus[40..]);
        let sent = encrypt_passphrase(&wrapped, &hex(public.e()), "correct horse").unwrap();
        assert_eq!(sent.len(), 256, "one 1024-bit block as hex");
        let bytes: Vec<u8> = (0..sent.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&sent[i..i + 2], 16).unwrap())
            .collect();
        assert_eq!(
            private.decrypt(Pkcs1v15Encrypt, &bytes).unwrap(),
            b"correct horse"
        );
        // Random padding: the same passphrase never looks the same twice.
        assert_ne!(
            encrypt_passphrase(&modulus, &hex(public.e()), "correct horse").unwrap(),
            sent
        );
    }

    #[test]
    fn bad_keys_and_empty_passphrases_are_refused() {
        assert!(encrypt_passphrase("zz", "10001", "x")
            .unwrap_err()
            .contains("not hexadecimal"));
        assert_eq!(
            encrypt_passphrase("abcd", "10001", "").unwrap_err(),
            "Enter the passphrase."
        );
    }
}
