#include "adapters/common/hmpps_event.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::adapters {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

constexpr char kReceived[] =
    R"({"eventType": "prison-offender-events.prisoner.received", "version": 1,
        "occurredAt": "2026-11-02T21:40:00Z", "description": "A prisoner has been received",
        "detailUrl": "https://prison.example/events/1",
        "personReference": {"identifiers": [{"type": "NOMS", "value": "A1234BC"},
                                             {"type": "crn", "value": "X123456"}]},
        "additionalInformation": {"nomsNumber": "A1234BC", "reason": "ADMISSION", "prisonId": "MDI",
                                  "details": {"b": 2, "a": [1, "x", true, null]}}})";

DomainEvent MustParse(absl::string_view line) {
  absl::StatusOr<DomainEvent> event = DomainEvent::Parse(line);
  EXPECT_TRUE(event.ok()) << event.status();
  return *std::move(event);
}

TEST(DomainEventTest, ReadsTheEnvelope) {
  DomainEvent event = MustParse(kReceived);
  EXPECT_EQ(event.event_type(), "prison-offender-events.prisoner.received");
  EXPECT_EQ(event.version(), 1);
  EXPECT_EQ(event.occurred_at(), absl::FromCivil(absl::CivilSecond(2026, 11, 2, 21, 40, 0), absl::UTCTimeZone()));
  ASSERT_EQ(event.identifiers().size(), 2u);
  EXPECT_EQ(event.identifiers()[1].type, "CRN");
  EXPECT_EQ(event.IdentifierOf("noms"), "A1234BC");
  EXPECT_EQ(event.IdentifierOf("PNC"), std::nullopt);
  EXPECT_EQ(*event.additional_information().RequiredString("prisonId"), "MDI");
  EXPECT_EQ(event.additional_information().PathOf("prisonId"), "additionalInformation.prisonId");
}

TEST(DomainEventTest, AdditionalInformationOutlivesMoves) {
  std::vector<DomainEvent> events;
  events.push_back(MustParse(kReceived));
  events.push_back(MustParse(kReceived));  // may reallocate, moving the first
  for (const DomainEvent& event : events) {
    EXPECT_EQ(*event.additional_information().RequiredString("reason"), "ADMISSION");
  }
}

TEST(DomainEventTest, AbsentAdditionalInformationReadsAsEmpty) {
  DomainEvent event = MustParse(R"({"eventType": "x.y", "occurredAt": "2026-11-02T21:40:00Z"})");
  EXPECT_FALSE(event.additional_information().Has("anything"));
  EXPECT_TRUE(event.identifiers().empty());
  EXPECT_EQ(event.version(), std::nullopt);
}

TEST(DomainEventTest, NonIsoTimesAreLondonLocal) {
  // 2 July is in British Summer Time: 10:00 local is 09:00 UTC.
  DomainEvent summer = MustParse(R"({"eventType": "x", "occurredAt": "02/07/2026 10:00"})");
  EXPECT_EQ(summer.occurred_at(), absl::FromCivil(absl::CivilSecond(2026, 7, 2, 9, 0, 0), absl::UTCTimeZone()));
  DomainEvent winter = MustParse(R"({"eventType": "x", "occurredAt": "2026-11-02 21:40"})");
  EXPECT_EQ(winter.occurred_at(), absl::FromCivil(absl::CivilSecond(2026, 11, 2, 21, 40, 0), absl::UTCTimeZone()));
}

struct BadEnvelope {
  std::string json;
  std::string message;
};

TEST(DomainEventTest, ErrorsNameThePathAndNoValue) {
  const std::vector<BadEnvelope> cases = {
      {R"({"occurredAt": "2026-11-02T21:40:00Z"})", "eventType: is required"},
      {R"({"eventType": 7, "occurredAt": "2026-11-02T21:40:00Z"})", "eventType: must be a string"},
      {R"({"eventType": "x"})", "occurredAt: is required"},
      {R"({"eventType": "x", "occurredAt": "Smith 1988"})", "occurredAt:"},
      {R"({"eventType": "x", "occurredAt": "2026-11-02T21:40:00Z", "version": "one"})", "version:"},
      {R"({"eventType": "x", "occurredAt": "2026-11-02T21:40:00Z", "personReference": {"identifiers": "Smith"}})",
       "personReference.identifiers: must be an array"},
      {R"({"eventType": "x", "occurredAt": "2026-11-02T21:40:00Z",
           "personReference": {"identifiers": [{"type": "NOMS"}]}})",
       "personReference.identifiers[0].value: is required"},
      {R"({"eventType": "x", "occurredAt": "2026-11-02T21:40:00Z", "additionalInformation": "Smith"})",
       "additionalInformation:"},
      {R"({"eventType": "Smith", )", "record: not valid JSON"},
  };
  for (const BadEnvelope& c : cases) {
    absl::StatusOr<DomainEvent> event = DomainEvent::Parse(c.json);
    ASSERT_FALSE(event.ok()) << c.json;
    EXPECT_EQ(event.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(event.status().message()), HasSubstr(c.message)) << c.json;
    EXPECT_THAT(std::string(event.status().message()), Not(HasSubstr("Smith"))) << c.json;
  }
}

TEST(DomainEventTest, DigestIgnoresKeyOrderWhitespaceAndUnusedFields) {
  DomainEvent a = MustParse(kReceived);
  DomainEvent b = MustParse(
      R"({"additionalInformation": {"details": {"a": [1, "x", true, null], "b": 2}, "prisonId": "MDI",
           "reason": "ADMISSION", "nomsNumber": "A1234BC"},
          "personReference": {"identifiers": [{"type": "CRN", "value": "X123456"},
                                               {"type": "NOMS", "value": "A1234BC"}]},
          "occurredAt": "2026-11-02T21:40:00.000Z", "eventType": "prison-offender-events.prisoner.received",
          "description": "Another description", "detailUrl": "https://prison.example/events/2", "version": 2})");
  EXPECT_EQ(a.Digest({"nomsNumber", "prisonId", "details"}), b.Digest({"nomsNumber", "prisonId", "details"}));
  EXPECT_THAT(a.Digest({"prisonId"}), MatchesRegex("[0-9a-f]{32}"));
  EXPECT_THAT(a.ChangeRef({"prisonId"}), MatchesRegex("evt:[0-9a-f]{32}"));
  EXPECT_EQ(a.ChangeRef({"prisonId"}), absl::StrCat("evt:", a.Digest({"prisonId"})));
}

TEST(DomainEventTest, DigestChangesWithWhatDefinesTheEvent) {
  const std::string base = kReceived;
  DomainEvent event = MustParse(base);
  const std::string digest = event.Digest({"prisonId", "details"});
  const std::vector<std::pair<std::string, std::string>> changes = {
      {"2026-11-02T21:40:00Z", "2026-11-02T21:41:00Z"},
      {"prisoner.received", "prisoner.released"},
      {R"("MDI")", R"("LEI")"},
      {R"("b": 2)", R"("b": 3)"},
      {R"("value": "X123456")", R"("value": "X123457")"},
  };
  for (const auto& [from, to] : changes) {
    DomainEvent changed = MustParse(absl::StrReplaceAll(base, {{from, to}}));
    EXPECT_NE(changed.Digest({"prisonId", "details"}), digest) << from;
  }
  // A field not named is not part of the digest.
  DomainEvent other_reason = MustParse(absl::StrReplaceAll(base, {{"ADMISSION", "TRANSFERRED"}}));
  EXPECT_EQ(other_reason.Digest({"prisonId", "details"}), digest);
  // Naming a field that is absent differs from naming none and from "".
  EXPECT_NE(event.Digest({"absent"}), event.Digest({}));
}

TEST(DomainEventTest, PersonIdentifierPrefersAdditionalInformationAndChecksAgreement) {
  DomainEvent event = MustParse(kReceived);
  EXPECT_EQ(*event.PersonIdentifier(liaison::v1::IDENTIFIER_TYPE_NOMS, "nomsNumber"), "A1234BC");
  EXPECT_EQ(*event.PersonIdentifier(liaison::v1::IDENTIFIER_TYPE_CRN, ""), "X123456");

  DomainEvent lower =
      MustParse(absl::StrReplaceAll(kReceived, {{R"("nomsNumber": "A1234BC")", R"("nomsNumber": "a1234bc")"}}));
  EXPECT_EQ(*lower.PersonIdentifier(liaison::v1::IDENTIFIER_TYPE_NOMS, "nomsNumber"), "A1234BC");

  DomainEvent disagree =
      MustParse(absl::StrReplaceAll(kReceived, {{R"("nomsNumber": "A1234BC")", R"("nomsNumber": "B7654CD")"}}));
  absl::StatusOr<std::string> noms = disagree.PersonIdentifier(liaison::v1::IDENTIFIER_TYPE_NOMS, "nomsNumber");
  ASSERT_FALSE(noms.ok());
  EXPECT_THAT(std::string(noms.status().message()), HasSubstr("additionalInformation.nomsNumber: disagrees"));
  EXPECT_THAT(std::string(noms.status().message()), Not(HasSubstr("B7654CD")));

  DomainEvent malformed =
      MustParse(absl::StrReplaceAll(kReceived, {{R"("nomsNumber": "A1234BC")", R"("nomsNumber": "SMITH")"}}));
  noms = malformed.PersonIdentifier(liaison::v1::IDENTIFIER_TYPE_NOMS, "nomsNumber");
  ASSERT_FALSE(noms.ok());
  EXPECT_THAT(std::string(noms.status().message()), HasSubstr("additionalInformation.nomsNumber: "));
  EXPECT_THAT(std::string(noms.status().message()), Not(HasSubstr("SMITH")));

  DomainEvent bare = MustParse(R"({"eventType": "x", "occurredAt": "2026-11-02T21:40:00Z"})");
  EXPECT_EQ(bare.PersonIdentifier(liaison::v1::IDENTIFIER_TYPE_NOMS, "nomsNumber").status().message(),
            "additionalInformation.nomsNumber: is required");
  EXPECT_EQ(bare.PersonIdentifier(liaison::v1::IDENTIFIER_TYPE_CRN, "").status().message(),
            "personReference.identifiers: a CRN is required");
}

TEST(DomainEventTest, CheckOccurredAtBoundsTheTime) {
  DomainEvent event = MustParse(kReceived);
  const absl::Time at = event.occurred_at();
  EXPECT_TRUE(event.CheckOccurredAt(at).ok());
  EXPECT_TRUE(event.CheckOccurredAt(at - absl::Minutes(59)).ok());
  EXPECT_EQ(event.CheckOccurredAt(at - absl::Hours(2)).message(), "occurredAt: is more than an hour in the future");
  DomainEvent old = MustParse(R"({"eventType": "x", "occurredAt": "1899-12-31T00:00:00Z"})");
  EXPECT_EQ(old.CheckOccurredAt(at).message(), "occurredAt: is before 1900");
}

TEST(DomainEventTest, IsDomainEventLooksForEventType) {
  absl::StatusOr<google::protobuf::Struct> event = ParseJsonObject(kReceived);
  absl::StatusOr<google::protobuf::Struct> record = ParseJsonObject(R"({"recordType": "mail-flag"})");
  ASSERT_TRUE(event.ok() && record.ok());
  EXPECT_TRUE(IsDomainEvent(*event));
  EXPECT_FALSE(IsDomainEvent(*record));
}

}  // namespace
}  // namespace liaison::adapters
