#include "adapters/police/record_fields.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "adapters/police/person_fields.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::adapters::records {
namespace {

namespace api = ::liaison::v1;
using ::testing::ElementsAre;

TEST(RecordFields, NormaliseCode) {
  EXPECT_EQ(NormaliseCode("Section 47"), "section47");
  EXPECT_EQ(NormaliseCode(" OFFICIAL-SENSITIVE "), "officialsensitive");
  EXPECT_EQ(NormaliseCode("child_protection"), "childprotection");
  EXPECT_EQ(NormaliseCode("\xc3\xa9!"), "");
}

TEST(RecordFields, CheckReference) {
  EXPECT_TRUE(CheckReference("r", "ZZ/01/2026_000123.a-b", 40).ok());
  EXPECT_EQ(CheckReference("r", "", 40).message(), "r: is required");
  EXPECT_EQ(CheckReference("r", "12345", 4).message(), "r: is longer than 4 characters");
  EXPECT_EQ(CheckReference("r", "a b", 40).message(), "r: may contain only letters, digits and / . _ -");
  EXPECT_FALSE(CheckReference("r", "a:b", 40).ok());  // ':' separates a source_ref's parts
}

TEST(RecordFields, Classification) {
  const api::Classification os = api::CLASSIFICATION_OFFICIAL_SENSITIVE;
  EXPECT_EQ(*ParseClassification("c", std::nullopt, os), os);
  EXPECT_EQ(*ParseClassification("c", std::nullopt, api::CLASSIFICATION_OFFICIAL), api::CLASSIFICATION_OFFICIAL);
  EXPECT_EQ(*ParseClassification("c", "Official", os), api::CLASSIFICATION_OFFICIAL);
  EXPECT_EQ(*ParseClassification("c", "OFFICIAL_SENSITIVE", api::CLASSIFICATION_OFFICIAL), os);
  EXPECT_EQ(*ParseClassification("c", "os", api::CLASSIFICATION_OFFICIAL), os);
  EXPECT_EQ(ParseClassification("c", "SECRET", os).status().message(), "c: must be OFFICIAL or OFFICIAL-SENSITIVE");
}

TEST(RecordFields, Caveats) {
  EXPECT_THAT(*ParseCaveats("v", {"nfod", "Protect Source", "NOT_FOR_ONWARD_DISCLOSURE"}),
              ElementsAre(api::CAVEAT_NOT_FOR_ONWARD_DISCLOSURE, api::CAVEAT_PROTECT_SOURCE));
  EXPECT_THAT(*ParseCaveats("v", {}), ElementsAre());
  EXPECT_EQ(ParseCaveats("v", {"PS", "ORCON"}).status().message(),
            "v[1]: must be NOT_FOR_ONWARD_DISCLOSURE or PROTECT_SOURCE");
}

TEST(RecordFields, Contact) {
  EXPECT_EQ(FormatContact({"PC 0000 Example", std::nullopt, "01632 960000", std::nullopt}),
            "PC 0000 Example, 01632 960000");
  EXPECT_EQ(FormatContact({}), "");
}

TEST(RecordFields, Utf8) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Zo\xc3\xab \xc5\x81ukasz \xe2\x82\xac \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf"));
  for (const char* bad : {"\xff", "\xc3", "\xc0\x80", "\xe0\x80\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82",
                          "\x80", "\xf8\x88\x80\x80\x80"}) {
    EXPECT_FALSE(IsValidUtf8(absl::StrCat("QUIMBY", bad))) << ::testing::PrintToString(std::string(bad));
  }
  api::Notification n;
  n.mutable_subject()->add_aliases()->set_family_name("ok");
  n.mutable_subject()->add_aliases()->set_given_names("bad \xff");
  EXPECT_EQ(CheckUtf8Fields(n).message(), "subject.aliases[1].given_names: is not valid UTF-8 text");
  n.mutable_subject()->mutable_aliases(1)->set_given_names("fine");
  EXPECT_TRUE(CheckUtf8Fields(n).ok());
}

TEST(RecordFields, DigestIsStableAndContentSensitive) {
  api::Notification n;
  n.mutable_subject()->mutable_name()->set_family_name("QUIMBYTEST");
  const std::string digest = ContentDigest(n);
  EXPECT_EQ(digest.size(), 16u);
  EXPECT_EQ(ContentDigest(n), digest);
  // A fixed function, not a per-process hash: the same bytes give the same digest in every run.
  EXPECT_EQ(ContentDigest(api::Notification()), "cbf29ce484222325");  // FNV-1a 64 offset basis: no bytes
  n.mutable_subject()->mutable_name()->set_given_names("Testy");
  EXPECT_NE(ContentDigest(n), digest);
}

TEST(PersonFields, AgeAt) {
  const absl::Time at = absl::FromCivil(absl::CivilSecond(2026, 11, 2, 21, 0, 0), absl::UTCTimeZone());
  EXPECT_EQ(AgeAt(4, "2019-11-03", at), 4);  // a given age wins
  EXPECT_EQ(AgeAt(std::nullopt, "2019-11-03", at), 6);
  EXPECT_EQ(AgeAt(std::nullopt, "2019-11-02", at), 7);
  EXPECT_EQ(AgeAt(std::nullopt, "2019-03-11", at), 7);
  EXPECT_EQ(AgeAt(std::nullopt, "2019-15-03", at), 7);             // a day-month swap read back: 3 March
  EXPECT_EQ(AgeAt(std::nullopt, "2026-11-03", at), std::nullopt);  // not born yet
  EXPECT_EQ(AgeAt(std::nullopt, "1900-01-01", at), std::nullopt);  // placeholder
  EXPECT_EQ(AgeAt(std::nullopt, "1970-01-01", at), std::nullopt);  // placeholder
  EXPECT_EQ(AgeAt(std::nullopt, "", at), std::nullopt);
  EXPECT_EQ(AgeAt(std::nullopt, "20191103", at), std::nullopt);  // not normalised
}

}  // namespace
}  // namespace liaison::adapters::records
