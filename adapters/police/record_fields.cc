#include "adapters/police/record_fields.h"

#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "broker/common/proto_time.h"
#include "broker/common/status_macros.h"
#include "broker/validation/notification_validation.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace liaison::adapters::records {

std::string NormaliseCode(absl::string_view text) {
  std::string out;
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (absl::ascii_isalnum(u)) out.push_back(absl::ascii_tolower(u));
  }
  return out;
}

bool IsValidUtf8(absl::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t length = 0;
    uint32_t code = 0;
    uint32_t min = 0;
    if ((c & 0xE0) == 0xC0) {
      length = 2, code = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3, code = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4, code = c & 0x07, min = 0x10000;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (size_t k = 1; k < length; ++k) {
      const unsigned char next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

namespace {

std::string FieldPath(absl::string_view parent, absl::string_view name) {
  return parent.empty() ? std::string(name) : absl::StrCat(parent, ".", name);
}

absl::Status CheckUtf8Within(const google::protobuf::Message& message, const std::string& path) {
  const google::protobuf::Reflection* reflection = message.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const google::protobuf::FieldDescriptor* field : fields) {
    const std::string field_path = FieldPath(path, field->name());
    const bool is_string = field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_STRING &&
                           field->type() == google::protobuf::FieldDescriptor::TYPE_STRING;
    const bool is_message = field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE;
    if (!field->is_repeated()) {
      if (is_string && !IsValidUtf8(reflection->GetString(message, field))) {
        return JsonFieldError(field_path, "is not valid UTF-8 text");
      }
      if (is_message) RETURN_IF_ERROR(CheckUtf8Within(reflection->GetMessage(message, field), field_path));
      continue;
    }
    for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
      const std::string item_path = absl::StrCat(field_path, "[", i, "]");
      if (is_string && !IsValidUtf8(reflection->GetRepeatedString(message, field, i))) {
        return JsonFieldError(item_path, "is not valid UTF-8 text");
      }
      if (is_message) RETURN_IF_ERROR(CheckUtf8Within(reflection->GetRepeatedMessage(message, field, i), item_path));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckUtf8Fields(const google::protobuf::Message& message) { return CheckUtf8Within(message, ""); }

absl::Status CheckReference(absl::string_view path, absl::string_view value, size_t max_chars) {
  if (value.empty()) return JsonFieldError(path, "is required");
  if (value.size() > max_chars) return JsonFieldError(path, absl::StrCat("is longer than ", max_chars, " characters"));
  for (char c : value) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '/' && c != '.' && c != '_' && c != '-') {
      return JsonFieldError(path, "may contain only letters, digits and / . _ -");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<liaison::v1::Classification> ParseClassification(absl::string_view path,
                                                                const std::optional<std::string>& text,
                                                                liaison::v1::Classification default_value) {
  if (!text.has_value()) return default_value;
  const std::string code = NormaliseCode(*text);
  if (code == "official" || code == "o") return liaison::v1::CLASSIFICATION_OFFICIAL;
  if (code == "officialsensitive" || code == "os") return liaison::v1::CLASSIFICATION_OFFICIAL_SENSITIVE;
  return JsonFieldError(path, "must be OFFICIAL or OFFICIAL-SENSITIVE");
}

absl::StatusOr<std::vector<liaison::v1::Caveat>> ParseCaveats(absl::string_view path,
                                                              const std::vector<std::string>& codes) {
  std::vector<liaison::v1::Caveat> out;
  for (size_t i = 0; i < codes.size(); ++i) {
    const std::string code = NormaliseCode(codes[i]);
    liaison::v1::Caveat caveat = liaison::v1::CAVEAT_UNSPECIFIED;
    if (code == "notforonwarddisclosure" || code == "nfod") caveat = liaison::v1::CAVEAT_NOT_FOR_ONWARD_DISCLOSURE;
    if (code == "protectsource" || code == "ps") caveat = liaison::v1::CAVEAT_PROTECT_SOURCE;
    if (caveat == liaison::v1::CAVEAT_UNSPECIFIED) {
      return JsonFieldError(absl::StrCat(path, "[", i, "]"), "must be NOT_FOR_ONWARD_DISCLOSURE or PROTECT_SOURCE");
    }
    bool seen = false;
    for (liaison::v1::Caveat c : out) seen = seen || c == caveat;
    if (!seen) out.push_back(caveat);
  }
  return out;
}

std::string FormatContact(const Contact& contact) {
  std::vector<absl::string_view> parts;
  for (const auto* part : {&contact.name, &contact.role, &contact.phone, &contact.email}) {
    if (part->has_value()) parts.push_back(**part);
  }
  return absl::StrJoin(parts, ", ");
}

absl::StatusOr<Handling> ReadJsonHandling(const JsonObject& record, absl::string_view contact_key,
                                          liaison::v1::Classification default_classification) {
  Handling handling;
  ASSIGN_OR_RETURN(auto classification, record.OptionalString("classification"));
  ASSIGN_OR_RETURN(handling.classification,
                   ParseClassification(record.PathOf("classification"), classification, default_classification));
  ASSIGN_OR_RETURN(auto caveats, record.StringArray("caveats"));
  ASSIGN_OR_RETURN(handling.caveats, ParseCaveats(record.PathOf("caveats"), caveats));
  ASSIGN_OR_RETURN(auto contact_object, record.OptionalObject(contact_key));
  if (contact_object.has_value()) {
    Contact contact;
    ASSIGN_OR_RETURN(contact.name, contact_object->OptionalString("name"));
    ASSIGN_OR_RETURN(contact.role, contact_object->OptionalString("role"));
    ASSIGN_OR_RETURN(contact.phone, contact_object->OptionalString("phone"));
    ASSIGN_OR_RETURN(contact.email, contact_object->OptionalString("email"));
    handling.originator_contact = FormatContact(contact);
  }
  return handling;
}

absl::StatusOr<Handling> ReadCsvHandling(const CsvFields& row, absl::string_view contact_prefix,
                                         liaison::v1::Classification default_classification) {
  Handling handling;
  ASSIGN_OR_RETURN(
      handling.classification,
      ParseClassification(CsvFields::PathOf("classification"), row.Optional("classification"), default_classification));
  ASSIGN_OR_RETURN(handling.caveats, ParseCaveats(CsvFields::PathOf("caveats"), row.List("caveats")));
  Contact contact;
  contact.name = row.Optional(absl::StrCat(contact_prefix, "_name"));
  contact.role = row.Optional(absl::StrCat(contact_prefix, "_role"));
  contact.phone = row.Optional(absl::StrCat(contact_prefix, "_phone"));
  contact.email = row.Optional(absl::StrCat(contact_prefix, "_email"));
  handling.originator_contact = FormatContact(contact);
  return handling;
}

void ApplyHandling(const Handling& handling, absl::Time occurred_at, liaison::v1::Notification* notification) {
  *notification->mutable_occurred_at() = ToProtoTime(occurred_at);
  notification->set_classification(handling.classification);
  for (liaison::v1::Caveat caveat : handling.caveats) notification->add_caveats(caveat);
  notification->set_originator_contact(handling.originator_contact);
}

std::string ContentDigest(const liaison::v1::Notification& notification) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    notification.SerializeToCodedStream(&coded);
  }
  uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return absl::StrFormat("%016x", hash);
}

absl::StatusOr<v1::Action> FinishSubmit(liaison::v1::Notification notification, absl::string_view ref_prefix,
                                        absl::Time now) {
  notification.clear_source_ref();
  // Before serialising: protobuf logs (and the broker would refuse) bad UTF-8.
  RETURN_IF_ERROR(CheckUtf8Fields(notification));
  const std::string ref = absl::StrCat(ref_prefix, ":", ContentDigest(notification));
  notification.set_source_ref(ref);
  liaison::v1::Notification copy = notification;
  RETURN_IF_ERROR(validation::ValidateNotification(&copy, now));
  v1::Action action;
  action.set_ref(ref);
  *action.mutable_submit() = std::move(notification);
  return action;
}

}  // namespace liaison::adapters::records
