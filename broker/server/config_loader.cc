#include "broker/server/config_loader.h"

#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "policy/loader.h"
#include "absl/strings/strip.h"
#include "broker/common/status_macros.h"
#include "broker/validation/field_checks.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"

namespace liaison::server {
namespace {

using config::v1::BrokerConfig;
using config::v1::Principal;
using google::protobuf::TextFormat;

class Collector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (first_.empty()) first_ = absl::StrCat(line + 1, ":", column + 1, ": ", message);
  }
  const std::string& first() const { return first_; }

 private:
  std::string first_;
};

// Builds errors naming the file and the line where a field was written.
class Locator {
 public:
  explicit Locator(absl::string_view file) : file_(file) {}

  // `field` of `message` (element `index` of a repeated field, else -1) as
  // recorded in `tree`; the file alone when the location is unknown.
  absl::Status Error(const TextFormat::ParseInfoTree* tree, const google::protobuf::Message& message,
                     absl::string_view field, int index, absl::string_view path, absl::string_view reason) const {
    const auto* descriptor = message.GetDescriptor()->FindFieldByName(std::string(field));
    TextFormat::ParseLocation location;
    if (tree != nullptr && descriptor != nullptr) location = tree->GetLocation(descriptor, index);
    const std::string where =
        location.line >= 0 ? absl::StrCat(file_, ":", location.line + 1, ":", location.column + 1) : file_;
    return absl::InvalidArgumentError(absl::StrCat(where, ": ", path, ": ", reason));
  }

 private:
  std::string file_;
};

absl::Status CheckPrincipal(const Principal& p, int index, const TextFormat::ParseInfoTree* root,
                            const Locator& locate, const BrokerConfig& config) {
  const auto* principals = BrokerConfig::descriptor()->FindFieldByName("principals");
  const TextFormat::ParseInfoTree* tree = root->GetTreeForNested(principals, index);
  const std::string path = absl::StrCat("principals[", index, "]");
  if (p.id().empty()) return locate.Error(root, config, "principals", index, absl::StrCat(path, ".id"), "is required");
  switch (p.role()) {
    case config::v1::ROLE_AGENCY_ADAPTER:
      if (p.agency().agency_kind() == liaison::v1::AGENCY_KIND_UNSPECIFIED ||
          p.agency().organisation_code().empty()) {
        return locate.Error(tree, p, "role", -1, absl::StrCat(path, ".agency"),
                            "an agency adapter needs agency.agency_kind and agency.organisation_code");
      }
      break;
    case config::v1::ROLE_INBOX:
      if (p.recipient_ids().empty()) {
        return locate.Error(tree, p, "role", -1, absl::StrCat(path, ".recipient_ids"),
                            "an inbox principal needs at least one recipient id");
      }
      for (int i = 0; i < p.recipient_ids_size(); ++i) {
        const std::string id_path = absl::StrCat(path, ".recipient_ids[", i, "]");
        absl::Status s = validation::CheckId(id_path, p.recipient_ids(i));
        if (!s.ok()) {
          // CheckId's message already starts with the path.
          return locate.Error(tree, p, "recipient_ids", i, id_path,
                              absl::StripPrefix(s.message(), absl::StrCat(id_path, ": ")));
        }
      }
      break;
    case config::v1::ROLE_REGISTRY_ADMIN:
    case config::v1::ROLE_AUDITOR:
    case config::v1::ROLE_MATCH_REVIEWER:
    case config::v1::ROLE_POLICY_ADMIN:
      break;
    default:
      return locate.Error(tree, p, "id", -1, absl::StrCat(path, ".role"), "is required");
  }
  return absl::OkStatus();
}

void FillDefaults(BrokerConfig* config) {
  auto* limits = config->mutable_limits();
  if (limits->max_notification_bytes() == 0) limits->set_max_notification_bytes(65536);
  if (limits->max_batch_items() == 0) limits->set_max_batch_items(500);
  if (limits->max_receive_message_bytes() == 0) limits->set_max_receive_message_bytes(4 << 20);
  if (limits->max_bulk_load_chunk() == 0) limits->set_max_bulk_load_chunk(1000);
  auto* inbox = config->mutable_inbox();
  if (inbox->ack_deadline_seconds() == 0) inbox->set_ack_deadline_seconds(300);
  if (inbox->default_max_in_flight() == 0) inbox->set_default_max_in_flight(64);
  if (inbox->max_in_flight_limit() == 0) inbox->set_max_in_flight_limit(1000);
  auto* storage = config->mutable_storage();
  if (storage->block_cache_mb() == 0) storage->set_block_cache_mb(256);
  if (storage->write_buffer_mb() == 0) storage->set_write_buffer_mb(64);
  auto* matching = config->mutable_matching();
  if (matching->max_candidates_per_key() == 0) matching->set_max_candidates_per_key(50);
  if (matching->max_candidates() == 0) matching->set_max_candidates(500);
  if (matching->max_scored_candidates() == 0) matching->set_max_scored_candidates(20);
  if (matching->unmatched_retention_days() == 0) matching->set_unmatched_retention_days(365);
}

}  // namespace

absl::StatusOr<BrokerConfig> ParseBrokerConfig(absl::string_view text, absl::string_view name) {
  BrokerConfig config;
  TextFormat::Parser parser;
  Collector collector;
  TextFormat::ParseInfoTree tree;
  parser.RecordErrorsTo(&collector);
  parser.WriteLocationsTo(&tree);
  if (!parser.ParseFromString(std::string(text), &config)) {
    return absl::InvalidArgumentError(absl::StrCat(name, ":", collector.first()));
  }
  const Locator locate(name);
  std::set<std::string> ids;
  for (int i = 0; i < config.principals_size(); ++i) {
    RETURN_IF_ERROR(CheckPrincipal(config.principals(i), i, &tree, locate, config));
    if (!ids.insert(config.principals(i).id()).second) {
      return locate.Error(&tree, config, "principals", i, absl::StrCat("principals[", i, "].id"),
                          "the same id appears twice");
    }
  }
  FillDefaults(&config);
  const auto& inbox = config.inbox();
  if (inbox.default_max_in_flight() > inbox.max_in_flight_limit()) {
    return locate.Error(&tree, config, "inbox", -1, "inbox.default_max_in_flight",
                        "is above inbox.max_in_flight_limit (default 1000)");
  }
  const auto& matching = config.matching();
  if (matching.auto_link_weight() != 0 && matching.review_weight() > matching.auto_link_weight()) {
    return locate.Error(&tree, config, "matching", -1, "matching.review_weight", "is above matching.auto_link_weight");
  }
  if (matching.ambiguity_margin() < 0) {
    return locate.Error(&tree, config, "matching", -1, "matching.ambiguity_margin", "must not be negative");
  }
  if (absl::Status directory = policy::ValidateDirectory(config.directory()); !directory.ok()) {
    return locate.Error(&tree, config, "directory", -1, "directory",
                        absl::StripPrefix(directory.message(), "directory."));
  }
  if (config.storage().write_buffer_mb() > config.storage().block_cache_mb()) {
    return locate.Error(&tree, config, "storage", -1, "storage.write_buffer_mb",
                        "is above storage.block_cache_mb (memtables are charged to the cache)");
  }
  return config;
}

absl::StatusOr<BrokerConfig> LoadBrokerConfig(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot read the config file"));
  std::stringstream text;
  text << in.rdbuf();
  return ParseBrokerConfig(text.str(), path);
}

absl::StatusOr<LoadedPolicy> LoadConfiguredPolicy(const config::v1::BrokerConfig& config) {
  LoadedPolicy loaded;
  absl::StatusOr<std::shared_ptr<const policy::RulePolicy>> parsed;
  if (config.policy().file().empty()) {
    loaded.origin = absl::StrCat("built-in (", policy::kBuiltInPolicyOrigin, ")");
    parsed = policy::ParsePolicy(policy::BuiltInPolicyText(), policy::kBuiltInPolicyOrigin, config.directory());
  } else {
    loaded.origin = config.policy().file();
    parsed = policy::LoadPolicyFile(config.policy().file(), config.directory());
  }
  if (!parsed.ok()) return parsed.status();
  loaded.policy = *std::move(parsed);
  return loaded;
}

}  // namespace liaison::server
