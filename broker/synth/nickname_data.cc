// Familiar forms of forenames and alternative spellings (see pool_data.h),
// written for this project from general knowledge.

#include "broker/synth/pool_data.h"

namespace liaison::synth {
namespace {

// Packed tables: keep clang-format from putting one entry per line.
// clang-format off
constexpr NicknameEntry kNicknames[] = {
    {"Robert", "Bob,Rob,Bobby,Robbie"}, {"William", "Bill,Will,Billy,Liam"},
    {"Richard", "Rich,Rick,Dick,Ricky"}, {"James", "Jim,Jimmy,Jamie"},
    {"John", "Jack,Johnny,Jon"}, {"Michael", "Mick,Mike,Mikey,Micky"},
    {"David", "Dave,Davy"}, {"Christopher", "Chris,Kit"}, {"Anthony", "Tony,Ant"},
    {"Andrew", "Andy,Drew"}, {"Stephen", "Steve,Stevie"}, {"Steven", "Steve,Stevie"},
    {"Thomas", "Tom,Tommy"}, {"Daniel", "Dan,Danny"}, {"Matthew", "Matt,Matty"},
    {"Joseph", "Joe,Joey"}, {"Samuel", "Sam,Sammy"}, {"Benjamin", "Ben,Benny"},
    {"Nicholas", "Nick,Nicky"}, {"Edward", "Ed,Eddie,Ted,Ned"}, {"Charles", "Charlie,Chuck"},
    {"Peter", "Pete"}, {"Kenneth", "Ken,Kenny"}, {"Alexander", "Alex,Sandy,Xander"},
    {"Timothy", "Tim,Timmy"}, {"Frederick", "Fred,Freddie"}, {"Henry", "Harry,Hal"},
    {"Lawrence", "Larry,Laurie"}, {"Raymond", "Ray"}, {"Ronald", "Ron,Ronnie"},
    {"Terence", "Terry"}, {"Gerald", "Gerry"}, {"Leonard", "Len,Lenny"}, {"Patrick", "Pat,Paddy"},
    {"Philip", "Phil"}, {"Phillip", "Phil"}, {"Gregory", "Greg"}, {"Douglas", "Doug,Dougie"},
    {"Nathan", "Nate,Nat"}, {"Nathaniel", "Nate,Nat"}, {"Jonathan", "Jon,Jonny"},
    {"Zachary", "Zach,Zac"}, {"Joshua", "Josh"}, {"Jacob", "Jake"}, {"Oliver", "Ollie"},
    {"Francis", "Frank,Frankie"}, {"Vincent", "Vince,Vinnie"}, {"Stanley", "Stan"},
    {"Albert", "Bert,Albie"}, {"Herbert", "Herb,Bert"}, {"Alfred", "Alf,Alfie"},
    {"Walter", "Wally,Walt"}, {"Harold", "Harry,Hal"}, {"Sidney", "Sid"}, {"Cyril", "Cy"},
    {"Reginald", "Reg,Reggie"}, {"Wilfred", "Wilf"}, {"Bernard", "Bernie"},
    {"Dominic", "Dom"}, {"Sebastian", "Seb"}, {"Malcolm", "Mal"}, {"Derek", "Del"},
    {"Mohammed", "Mo"}, {"Muhammad", "Mo"}, {"Mohamed", "Mo"}, {"Ibrahim", "Ibby"},
    {"Łukasz", "Luke"}, {"Krzysztof", "Chris"}, {"Tomasz", "Tom"}, {"Michał", "Mike"},
    {"Elizabeth", "Liz,Beth,Lizzie,Betty,Eliza"}, {"Margaret", "Maggie,Peggy,Meg,Margo"},
    {"Catherine", "Cath,Cathy,Kate,Kitty"}, {"Katherine", "Kath,Kathy,Kate,Katie"},
    {"Kathryn", "Kath,Kate"}, {"Jennifer", "Jen,Jenny"}, {"Rebecca", "Becky,Becca"},
    {"Samantha", "Sam,Sammie"}, {"Victoria", "Vicky,Tori"}, {"Deborah", "Debbie,Deb"},
    {"Patricia", "Pat,Patsy,Trish"}, {"Susan", "Sue,Susie"}, {"Jacqueline", "Jackie,Jacqui"},
    {"Christine", "Chris,Chrissie"}, {"Amanda", "Mandy"}, {"Nicola", "Nicky,Nikki"},
    {"Alexandra", "Alex,Lexi"}, {"Aleksandra", "Ola,Ala"}, {"Josephine", "Jo,Josie"},
    {"Joanne", "Jo"}, {"Joanna", "Jo"}, {"Frances", "Fran,Frankie"}, {"Dorothy", "Dot,Dolly"},
    {"Barbara", "Babs,Barb"}, {"Valerie", "Val"}, {"Pauline", "Pauly"},
    {"Jessica", "Jess,Jessie"}, {"Charlotte", "Charlie,Lottie"}, {"Abigail", "Abby,Abbie"},
    {"Bethany", "Beth"}, {"Danielle", "Dani"}, {"Stephanie", "Steph"},
    {"Natalie", "Nat"}, {"Natasha", "Tash,Tasha"}, {"Gillian", "Gill,Jill"},
    {"Kimberley", "Kim"}, {"Teresa", "Tess,Terri"}, {"Theresa", "Tess,Terri"},
    {"Eleanor", "Ellie,Nell"}, {"Florence", "Flo,Florrie"}, {"Isabella", "Bella,Izzy"},
    {"Isabelle", "Izzy"}, {"Olivia", "Liv,Livvy"}, {"Amelia", "Millie,Amy"},
    {"Gemma", "Gem"}, {"Georgina", "Georgie,Gina"}, {"Harriet", "Hattie"},
    {"Rosemary", "Rosie"}, {"Penelope", "Penny"}, {"Veronica", "Ronnie"},
    {"Małgorzata", "Gosia"}, {"Katarzyna", "Kasia"}, {"Magdalena", "Magda"},
    {"Agnieszka", "Aga"}, {"Caroline", "Caz,Carrie"}, {"Kayleigh", "Kay"},
};

constexpr absl::string_view kSpellingVariants[] = {
    "Steven Stephen", "Philip Phillip", "Jon John", "Jonathan Jonathon", "Matthew Mathew",
    "Sean Shaun Shawn", "Mohammed Muhammad Mohamed Mohammad", "Stuart Stewart",
    "Elliott Elliot", "Geoffrey Jeffrey", "Alistair Alasdair Alastair", "Neil Neal",
    "Kristian Christian", "Tony Toni", "Glenn Glen", "Bryan Brian", "Lee Leigh",
    "Catherine Katherine Kathryn Katharine", "Caroline Carolyn", "Tracey Tracy",
    "Zoe Zoë", "Leanne Lianne", "Kayleigh Kayley Kaleigh", "Hayley Haley", "Vicky Vicki",
    "Sara Sarah", "Ann Anne", "Lynn Lynne", "Teresa Theresa", "Jackie Jacky", "Aisha Ayesha",
    "Yasmin Yasmeen", "Siobhán Siobhan Shivaun", "Niamh Neve", "Sinéad Sinead Shinead",
    "Thompson Thomson", "Reid Reed Read", "Clark Clarke", "Phillips Philips", "Matthews Mathews",
    "Gray Grey", "Stevens Stephens", "Stevenson Stephenson", "Davies Davis", "Jeffries Jeffreys",
    "Hussain Hussein Husain", "Chowdhury Choudhury Chaudhry",
    "McDonald MacDonald Macdonald", "McKay Mackay", "McKenzie Mackenzie", "O'Neill O'Neil",
    "Byrne Burn Byrnes", "Nicholls Nichols", "Nicholson Nicolson", "Pearce Pierce Pearse",
    "Rhodes Roads", "Reynolds Reynold", "Hewitt Hewett", "Ahmed Ahmad", "Rahman Rehman",
    "Akhtar Akthar", "Smith Smyth", "Brown Browne", "Green Greene", "Cook Cooke",
    "Wood Woods",
};

// clang-format on

}  // namespace

absl::Span<const NicknameEntry> NicknameData() { return kNicknames; }
absl::Span<const absl::string_view> SpellingVariantData() { return kSpellingVariants; }

}  // namespace liaison::synth
