//! English words that are also forenames or surnames. A name written in lower case counts
//! only if no part of it is one of these ("will young people…", "grace period"). The list is
//! ours, written for sendwise; it is not taken from any published word list.

/// Whether a folded, lower-case word is an everyday English word that is also a name.
pub fn is_everyday_word(word: &str) -> bool {
    EVERYDAY.binary_search(&word).is_ok()
}

// Sorted; a unit test keeps it so.
static EVERYDAY: &[&str] = &[
    "amber", "angel", "april", "archer", "ash", "august", "autumn", "baker", "banks", "bell", "berry",
    "best", "bill", "bird", "black", "blake", "bloom", "bond", "booth", "bow", "brook", "brooks", "brown",
    "buck", "bush", "butler", "cain", "callow", "cane", "carter", "cash", "chance", "chase", "cherry",
    "chip", "clay", "clement", "cliff", "coke", "cole", "cook", "cooper", "coral", "craft", "crane", "cross",
    "crystal", "dale", "dash", "dawn", "day", "dean", "dear", "diamond", "doe", "dove", "drew", "duke",
    "earl", "east", "eve", "fair", "faith", "fawn", "fern", "field", "fields", "fisher", "flint", "ford",
    "forest", "fox", "frank", "free", "frost", "gale", "game", "gay", "gem", "gene", "gift", "glen", "gold",
    "golden", "goodwin", "grace", "grant", "gray", "green", "grey", "guy", "hale", "hall", "happy", "hardy",
    "harley", "hart", "hazel", "heath", "hill", "holly", "honey", "hope", "hunt", "hunter", "iris", "ivy",
    "jack", "jade", "jay", "jewel", "joy", "june", "just", "king", "knight", "lake", "lamb", "lance", "land",
    "lane", "lark", "law", "lee", "light", "lily", "little", "long", "lord", "love", "lucky", "major",
    "march", "mark", "marsh", "mason", "may", "mercy", "merry", "mill", "miller", "mine", "moon", "moore",
    "moss", "muse", "nash", "new", "nobel", "noble", "north", "oak", "ocean", "page", "park", "parker",
    "pat", "patience", "peace", "pearl", "penny", "pepper", "pike", "pine", "piper", "pool", "poppy",
    "pound", "pride", "prince", "queen", "rain", "ray", "read", "reed", "rich", "ridge", "river", "robin",
    "rock", "rose", "rowan", "royal", "ruby", "rush", "russell", "rusty", "sage", "sandy", "savage", "scott",
    "shade", "sharp", "shaw", "shepherd", "short", "silver", "sky", "slater", "small", "smart", "snow",
    "sol", "south", "sparrow", "spring", "star", "steel", "sterling", "stone", "storm", "strong", "summer",
    "sunny", "swan", "sweet", "taylor", "temple", "thorn", "tiger", "tom", "trinity", "true", "tucker",
    "victor", "vine", "wade", "walker", "ward", "ware", "water", "waters", "wells", "west", "white", "will",
    "willow", "winter", "wise", "wolf", "wood", "woods", "wren", "wright", "young",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_and_distinct() {
        assert!(EVERYDAY.windows(2).all(|w| w[0] < w[1]), "keep EVERYDAY sorted");
    }

    #[test]
    fn lookups() {
        assert!(is_everyday_word("will"));
        assert!(is_everyday_word("grace"));
        assert!(!is_everyday_word("okonkwo"));
    }
}
