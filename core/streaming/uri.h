#pragma once
// Just enough of RFC 3986 for manifests: resolve a reference against the manifest it appears in, and the
// reverse (write a reference relative to a playlist). Bases may be absolute URLs (http, https, file),
// absolute paths, or relative paths; a relative base keeps the ".." it cannot resolve ("../x" stays so).
#include <string>
#include <string_view>

namespace fc::streaming {

// "http://h/v/cmaf/master.m3u8" + "360p/playlist.m3u8" → "http://h/v/cmaf/360p/playlist.m3u8";
// "/data/a/master.m3u8" + "../b/x.m4s" → "/data/b/x.m4s"; "master.m3u8" + "360p/p.m3u8" → "360p/p.m3u8".
std::string resolveUri(std::string_view base, std::string_view reference);
// A reference that resolves against `base` to `target` when both are relative to the same root:
// ("360p/playlist.m3u8", "360p/seg_00001.m4s") → "seg_00001.m4s". Absolute targets are returned unchanged.
std::string relativeUri(std::string_view base, std::string_view target);
// True for "http://…", "file:…", "//host/…" and "/abs/path".
bool isAbsoluteUri(std::string_view uri);
// RFC 3986 5.2.4 on a path; a relative path keeps leading ".." segments.
std::string removeDotSegments(std::string_view path);

} // namespace fc::streaming
