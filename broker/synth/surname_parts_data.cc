// Parts of the synthetic rare surnames (see pool_data.h). Written for this project from general knowledge;
// most common first.

#include "broker/synth/pool_data.h"

namespace liaison::synth {
namespace {

// Packed tables: keep clang-format from putting one entry per line.
// clang-format off
constexpr absl::string_view kStems[] = {
    "Ash", "Black", "Brad", "Brook", "Bur", "Cal", "Cart", "Chad", "Clay", "Cole", "Cran", "Dal",
    "Dun", "East", "Elm", "Fair", "Farn", "Fern", "Fox", "Gar", "Glad", "Gold", "Gran", "Green",
    "Hal", "Ham", "Har", "Hart", "Hay", "Hol", "Horn", "Kent", "Kings", "Lang", "Lath", "Lin",
    "Lock", "Long", "Mar", "Mid", "Mil", "Mor", "New", "North", "Oak", "Old", "Pen", "Pick", "Rad",
    "Red", "Ring", "Roth", "Rush", "Sal", "Sand", "Shel", "Shep", "Sher", "Small", "South", "Stan",
    "Stock", "Sun", "Sut", "Thorn", "Wal", "War", "Wel", "West", "Whit", "Wick", "Wild", "Win",
    "Wood", "Wool", "Abe", "Ald", "Alver", "Ap", "Arn", "Ast", "Bad", "Bain", "Bam", "Bar", "Bas",
    "Bax", "Bea", "Bed", "Ben", "Bick", "Bil", "Bir", "Bish", "Blan", "Bly", "Bod", "Bol", "Bot",
    "Bow", "Brack", "Bram", "Bran", "Brent", "Brid", "Brim", "Broad", "Brom", "Buck", "Bux",
    "Carl", "Cas", "Chat", "Chel", "Chip", "Church", "Clap", "Cliff", "Cock", "Col", "Corn", "Cot",
    "Crow", "Cud", "Dar", "Daw", "Den", "Der", "Dod", "Dray", "Dur", "Ed", "Eg", "El", "Em",
    "Ever", "Fal", "Far", "Fel", "Finch", "Flam", "Ford", "Fris", "Ful", "Gat", "Gil", "Good",
    "Graf", "Grim", "Hack", "Had", "Hamp", "Hand", "Hath", "Hen", "Her", "Hig", "Hock", "Hod",
    "Holl", "Hux", "Ick", "Ing", "Kel", "Ken", "Kil", "Kin", "Kirk", "Knot", "Lam", "Lan", "Lax",
    "Led", "Ley", "Lid", "Lit", "Lud", "Mal", "Man", "Marl", "Mel", "Mer", "Mos", "Nap", "Nor",
    "Not", "Ock", "Ol", "Or", "Os", "Pad", "Pal", "Par", "Pel", "Pil", "Pin", "Plum", "Pot",
    "Pres", "Quen", "Rag", "Ram", "Raw", "Rid", "Rip", "Rock", "Rom", "Ros", "Row", "Rud", "Ryd",
    "Sax", "Scar", "Sed", "Shaw", "Shir", "Sid", "Sil", "Skel", "Slat", "Snow", "Sop", "Spal",
    "Stain", "Stal", "Stap", "Stave", "Sten", "Stoke", "Stow", "Strat", "Sud", "Swin", "Tad",
    "Tam", "Tan", "Tem", "Tew", "Thur", "Tid", "Tip", "Tod", "Top", "Tow", "Tup", "Ud", "Up",
    "Wad", "Wain", "Wak", "Walk", "Wan", "Wat", "Wen", "Whel", "Wig", "Wil", "Wim", "Wit", "Wor",
    "Wy", "Yar", "Yat",
};

constexpr absl::string_view kEndings[] = {
    "worth", "more", "field", "ford", "ley", "ton", "wood", "well", "by", "ham", "bury", "combe",
    "dale", "den", "don", "hurst", "land", "low", "man", "shaw", "stead", "ridge", "wick",
    "cliffe", "thorpe", "son", "er", "house", "gate", "brook", "lake", "bridge", "stone", "ington",
    "ing", "ock", "all", "ett", "ard", "ins", "ings", "kin", "sby", "ston", "burn", "cott", "cock",
    "croft", "end", "fold", "grove", "hall", "holme", "hope", "hay", "kirk", "lock", "mere",
    "mont", "mouth", "ney", "nell", "over", "port", "row", "ry", "sey", "side", "sley", "staff",
    "stall", "ter", "thwaite", "tree", "ward", "way", "win", "wright", "yard", "bourne", "borough",
    "caster", "chester", "cote", "ger", "kett", "lett", "ling", "lington", "mer", "mond", "nett",
    "pole", "rick", "sall", "ske", "som", "stow", "tham", "thorn", "tock", "val", "ville", "wald",
    "worthy", "acre", "ash", "bank", "beck", "berry", "birch", "dell", "ditch", "dyke", "fen",
    "gill", "green", "hill", "hirst", "lea", "lees", "leigh", "lye", "marsh", "moor", "nall",
    "oak", "pitt", "pool", "rigg", "rood", "sett", "shall", "shire", "slade", "sted", "strand",
    "thwait", "toft", "tun", "vale", "wall", "water", "wold",
};

// clang-format on

}  // namespace

absl::Span<const absl::string_view> SurnameStemData() { return kStems; }
absl::Span<const absl::string_view> SurnameEndingData() { return kEndings; }

}  // namespace liaison::synth
