//! Enumerations of vendor strings that keep values the console does not know.
//!
//! A vendor adds a status or a mode long before its documentation says so; refusing the whole
//! answer over one new word would hide everything else. `open_enum!` declares the known words as
//! variants plus `Other(String)` for the rest, read case-insensitively and written back as read.

macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value the document does not name, kept as the vendor sent it.
            Other(String),
        }

        impl $name {
            /// The documented values, in the document's order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)+
                    $name::Other(text) => text,
                }
            }

            /// The variant for `text`, ignoring case and surrounding spaces.
            pub fn parse(text: &str) -> Self {
                let trimmed = text.trim();
                $(if trimmed.eq_ignore_ascii_case($text) {
                    return $name::$variant;
                })+
                $name::Other(text.to_owned())
            }

            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                Ok($name::parse(&text))
            }
        }
    };
}

pub(crate) use open_enum;

#[cfg(test)]
mod tests {
    open_enum! {
        /// A test enumeration.
        pub enum Colour {
            Red = "red",
            DarkBlue = "dark_blue",
        }
    }

    #[test]
    fn known_words_read_in_any_case_and_unknown_ones_are_kept() {
        assert_eq!(Colour::parse(" RED "), Colour::Red);
        assert_eq!(Colour::parse("dark_blue").to_string(), "dark_blue");
        let other: Colour = serde_json::from_str("\"Mauve\"").unwrap();
        assert_eq!(other, Colour::Other("Mauve".into()));
        assert!(!other.is_known());
        assert_eq!(serde_json::to_string(&other).unwrap(), "\"Mauve\"");
        assert_eq!(Colour::KNOWN, [Colour::Red, Colour::DarkBlue]);
        assert!(serde_json::from_str::<Colour>("3").is_err());
    }
}
