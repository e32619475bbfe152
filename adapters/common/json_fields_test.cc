#include "adapters/common/json_fields.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::adapters {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(NormaliseDateTest, AcceptsTheShapesAgenciesWrite) {
  for (const char* text : {"1988-03-14", "14/03/1988", "14-03-1988", "14.03.1988", "19880314",
                           "1988-03-14T00:00:00Z", " 1988/03/14 "}) {
    auto date = NormaliseDate(text);
    ASSERT_TRUE(date.ok()) << text << ": " << date.status();
    EXPECT_EQ(*date, "1988-03-14") << text;
  }
}

TEST(NormaliseDateTest, SwapsAnUnambiguousDayForMonthBackButRefusesTheImpossible) {
  for (const char* text : {"1988-14-03", "03/14/1988", "19881403"}) {  // typed day-for-month
    auto swapped = NormaliseDate(text);
    ASSERT_TRUE(swapped.ok()) << text;
    EXPECT_EQ(*swapped, "1988-03-14") << text;
  }
  // Ambiguous: kept as written.
  EXPECT_EQ(*NormaliseDate("1988-04-03"), "1988-04-03");
  for (const char* text : {"1988-14-14", "1988-00-01", "1850-01-01", "14/03/88", "yesterday", "", "1988-03-1x"}) {
    auto date = NormaliseDate(text);
    EXPECT_FALSE(date.ok()) << text;
    if (std::string(text).size() > 3) {
      EXPECT_THAT(std::string(date.status().message()), Not(HasSubstr(text)));
    }
  }
}

TEST(ParseTimestampTest, ReadsZonedAndUkLocalTimes) {
  EXPECT_EQ(*ParseTimestamp("2026-11-02T21:40:00Z"), absl::FromUnixSeconds(1793655600));
  EXPECT_EQ(*ParseTimestamp("2026-11-02T21:40:00.000+00:00"), absl::FromUnixSeconds(1793655600));
  // November: London is on GMT.
  EXPECT_EQ(*ParseTimestamp("02/11/2026 21:40"), absl::FromUnixSeconds(1793655600));
  EXPECT_EQ(*ParseTimestamp("2026-11-02 21:40:00"), absl::FromUnixSeconds(1793655600));
  // July: BST, an hour ahead of UTC.
  EXPECT_EQ(*ParseTimestamp("2026-07-02T21:40:00"), *ParseTimestamp("2026-07-02T20:40:00Z"));
  EXPECT_FALSE(ParseTimestamp("next Tuesday").ok());
  EXPECT_FALSE(ParseTimestamp("2026-13-02T21:40:00Z").ok());
}

TEST(JsonObjectTest, ReadsTypedFieldsAndNamesThePathOnError) {
  auto parsed = ParseJsonObject(
      R"({"name":" Jo ","age":"7","n":12,"yes":"Y","person":{"dob":"14/03/1988","tags":["a"," ",""]},)"
      R"("people":[{"role":"x"},{"role":5}],"when":"2026-11-02T21:40:00Z","blank":"","nothing":null})");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  JsonObject record(&*parsed, "");
  EXPECT_EQ(*record.RequiredString("name"), "Jo");
  EXPECT_EQ(**record.OptionalInt("age"), 7);
  EXPECT_EQ(**record.OptionalInt("n"), 12);
  EXPECT_TRUE(**record.OptionalBool("yes"));
  EXPECT_FALSE(record.OptionalString("blank")->has_value());
  EXPECT_FALSE(record.Has("nothing"));
  EXPECT_EQ(record.RequiredString("nothing").status().message(), "nothing: is required");
  auto person = record.RequiredObject("person");
  ASSERT_TRUE(person.ok());
  EXPECT_EQ(**person->OptionalDate("dob"), "1988-03-14");
  EXPECT_EQ(*person->StringArray("tags"), std::vector<std::string>{"a"});
  auto people = record.ObjectArray("people");
  ASSERT_TRUE(people.ok());
  ASSERT_EQ(people->size(), 2u);
  EXPECT_EQ((*people)[1].RequiredString("role").status().message(), "people[1].role: must be a string");
  EXPECT_EQ(record.OptionalInt("name").status().message(), "name: must be a whole number");
  EXPECT_EQ(record.RequiredObject("name").status().message(), "name: must be an object");
  EXPECT_EQ(**record.OptionalTime("when"), absl::FromUnixSeconds(1793655600));
  auto bad_time = record.OptionalTime("name");
  EXPECT_THAT(std::string(bad_time.status().message()), HasSubstr("name: must be a date and time"));
  EXPECT_THAT(std::string(bad_time.status().message()), Not(HasSubstr("Jo")));
}

TEST(ParseJsonObjectTest, RefusesNonObjectsDeepNestingLargeRecordsAndNeverQuotesInput) {
  EXPECT_EQ(ParseJsonObject("[1,2]").status().message(), "record: must be a JSON object");
  EXPECT_EQ(ParseJsonObject("").status().message(), "record: must be a JSON object");
  auto broken = ParseJsonObject(R"({"surname":"Hargreaves")");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().message(), "record: not valid JSON");
  std::string deep = "{\"a\":";
  for (int i = 0; i < 40; ++i) deep += "[";
  EXPECT_THAT(std::string(ParseJsonObject(deep).status().message()), HasSubstr("nested deeper"));
  EXPECT_THAT(std::string(ParseJsonObject("{\"a\":\"" + std::string(300, 'x') + "\"}", 100).status().message()),
              HasSubstr("the limit is 100"));
  // Brackets inside strings do not count as nesting.
  EXPECT_TRUE(ParseJsonObject("{\"a\":\"" + std::string(100, '[') + "\"}").ok());
}

}  // namespace
}  // namespace liaison::adapters
