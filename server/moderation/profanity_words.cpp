#include "server/moderation/profanity_words.h"

#include <array>

namespace fc::server::moderation {
namespace {

// Prefix entries ('*') only where no everyday word starts the same way ("cock*" would hold "cockpit").
constexpr auto kWords = std::to_array<std::string_view>({
    "arse",     "arsehole*", "ass",      "asses",       "asshole*",    "bastard*", "bellend*", "bitch*",
    "bollocks", "bullshit*", "cock",     "cocks",       "cocksucker*", "cunt*",    "dick",     "dickhead*",
    "dicks",    "dildo*",    "douche",   "douchebag*",  "fag",         "faggot*",  "fags",     "fuck*",
    "goddamn*", "jackass*",  "jerkoff*", "motherfuck*", "nigga*",      "nigger*",  "piss",     "pissed",
    "pisses",   "prick",     "pricks",   "pussies",     "pussy",       "retard",   "retarded", "shit*",
    "skank*",   "slut*",     "tosser*",  "twat*",       "wank*",       "whore*",
});

} // namespace

std::span<const std::string_view> profanityWords() {
    return kWords;
}

} // namespace fc::server::moderation
