// The encoded ladder's files: GET /api/v1/videos/<id>/cmaf/<file> (master.m3u8, manifest.mpd) and
// /api/v1/videos/<id>/cmaf/<rendition>/<file> (playlist.m3u8, init.mp4, seg_NNNNN.m4s). The URL layout
// mirrors the directory, so the manifests' relative URIs resolve as they are. Visibility as every read: a
// private video's files are its owner's alone (bearer token). Today the files are read whole (segments are a
// few MB at most); the watch issue adds Range, ETag, mmap'd sending and signed URLs on these same routes.
#include "server/api/routes.h"

#include <fstream>
#include <sstream>

#include "server/api/handler_support.h"
#include "server/store/visibility.h"
#include "server/uploads/part_file.h"

namespace fc::server::api {
namespace {

bool endsWith(const std::string& text, std::string_view suffix) {
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Names the transcoder writes: no separators, no leading dot, known extensions only.
bool isServableName(const std::string& name) {
    if (name.empty() || name[0] == '.' || name.find('/') != std::string::npos ||
        name.find('\\') != std::string::npos)
        return false;
    return endsWith(name, ".m3u8") || endsWith(name, ".mpd") || endsWith(name, ".mp4") ||
           endsWith(name, ".m4s");
}

std::string contentTypeFor(const std::string& name) {
    if (endsWith(name, ".m3u8"))
        return "application/vnd.apple.mpegurl";
    if (endsWith(name, ".mpd"))
        return "application/dash+xml";
    if (endsWith(name, ".m4s"))
        return "video/iso.segment";
    return "video/mp4";
}

HttpResponse serveCmafFile(RequestContext& context, const std::string& relative, const std::string& name) {
    auto video = visibleVideo(context);
    if (auto* response = std::get_if<HttpResponse>(&video))
        return std::move(*response);
    const auto& record = std::get<store::VideoRecord>(video);
    std::ifstream in(uploads::videoMediaDir(context.server.config, record.id) + "/cmaf/" + relative,
                     std::ios::binary);
    if (!in)
        return errorResponse(404, "not_found", "no such file (is the video processed?)");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    HttpResponse response;
    response.body = bytes.str();
    response.headers.set("Content-Type", contentTypeFor(name));
    const bool playlist = endsWith(name, ".m3u8") || endsWith(name, ".mpd");
    // Segments never change once written; playlists do while processing (EVENT → VOD).
    const std::string scope = record.visibility == Visibility::Private ? "private" : "public";
    response.headers.set("Cache-Control",
                         playlist ? scope + ", max-age=2" : scope + ", max-age=31536000, immutable");
    return response;
}

HttpResponse topFile(RequestContext& context) {
    const std::string& file = context.param("file");
    if (!isServableName(file) || !(endsWith(file, ".m3u8") || endsWith(file, ".mpd")))
        return errorResponse(404, "not_found", "no such file");
    return serveCmafFile(context, file, file);
}

HttpResponse renditionFile(RequestContext& context) {
    const std::string& rendition = context.param("rendition");
    const std::string& file = context.param("file");
    if (rendition.empty() || rendition[0] == '.' || rendition.find('/') != std::string::npos ||
        !isServableName(file))
        return errorResponse(404, "not_found", "no such file");
    return serveCmafFile(context, rendition + "/" + file, file);
}

} // namespace

void registerDeliveryRoutes(Router& router, ServerContext& server) {
    (void)server;
    router.add(Method::Get, "/api/v1/videos/:id/cmaf/:file", topFile, {.group = "playback"});
    router.add(Method::Get, "/api/v1/videos/:id/cmaf/:rendition/:file", renditionFile, {.group = "playback"});
}

} // namespace fc::server::api
