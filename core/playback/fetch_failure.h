#pragma once
// What a refused request means for a playback session, and how to say so. Messages name no URL: a signed URL
// is a credential, and a viewer can do nothing with one.
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace fc::playback {

// Error codes of answers other than 200.
inline constexpr std::string_view kUrlExpired = "url_expired";       // 403 whose body says url_expired
inline constexpr std::string_view kAccessRefused = "access_refused"; // any other 403
inline constexpr std::string_view kNotAvailable = "not_available";   // 404, 410: deleted, private, failed
inline constexpr std::string_view kHttpError = "http_error";         // any other status

Error httpFailure(int status, std::string_view body);
bool isExpiredUrl(const Error& error);
// The server says the media is not coming back for this URL (expired, refused, gone).
bool isPermanent(const Error& error);
// For people: a sentence for the codes above, else the message with each URL cut to its file name.
std::string describeFailure(const Error& error);
std::string withoutUrls(std::string_view text);

} // namespace fc::playback
