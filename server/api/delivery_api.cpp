// A video's media files, on two prefixes with one code path:
//   /api/v1/videos/<id>/cmaf/[<rendition>/]<file>, /files/<dir>/<file>   bearer (optional), visibility rule
//   /api/v1/videos/<id>/s/<token>/cmaf/..., /s/<token>/files/..., /s/<token>/hls.key   signed, no bearer
// The URL layout mirrors media/<id>/, so the manifests' and the storyboard's relative URIs resolve under
// either prefix (the token sits in the path). Files are sent from a shared mapping with Range, ETag and
// Cache-Control (file_response.h). A video with HLS encryption has its .m4s segments encrypted on the fly,
// and only through the signed prefix; its media playlists there carry the EXT-X-KEY tag and its DASH manifest
// is not offered.
#include "server/api/routes.h"

#include "core/util/time.h"
#include "server/api/handler_support.h"
#include "server/api/hls_encryption.h"
#include "server/auth/url_signer.h"
#include "server/http/file_response.h"
#include "server/store/database.h"
#include "server/store/visibility.h"
#include "server/uploads/part_file.h"

namespace fc::server::api {
namespace {

constexpr const char* kKeyUri = "../hls.key"; // from <rendition>/playlist.m3u8 under the signed prefix

bool endsWith(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool isPlainName(const std::string& name) {
    return !name.empty() && name[0] != '.' && name.find('/') == std::string::npos &&
           name.find('\\') == std::string::npos;
}

// Names the transcoder writes: known extensions only.
bool isCmafName(const std::string& name) {
    return isPlainName(name) && (endsWith(name, ".m3u8") || endsWith(name, ".mpd") ||
                                 endsWith(name, ".mp4") || endsWith(name, ".m4s"));
}

enum class FileKind { Invalid = 0, Playlist, Segment, Init, Still };

FileKind kindOf(const std::string& name) {
    if (endsWith(name, ".m3u8") || endsWith(name, ".mpd"))
        return FileKind::Playlist;
    if (endsWith(name, ".m4s"))
        return FileKind::Segment;
    if (endsWith(name, ".mp4"))
        return FileKind::Init;
    return FileKind::Still;
}

std::string contentTypeFor(const std::string& name) {
    if (endsWith(name, ".m3u8"))
        return "application/vnd.apple.mpegurl";
    if (endsWith(name, ".mpd"))
        return "application/dash+xml";
    if (endsWith(name, ".m4s"))
        return "video/iso.segment";
    if (endsWith(name, ".mp4"))
        return "video/mp4";
    if (endsWith(name, ".jpg") || endsWith(name, ".jpeg"))
        return "image/jpeg";
    if (endsWith(name, ".png"))
        return "image/png";
    if (endsWith(name, ".webp"))
        return "image/webp";
    if (endsWith(name, ".vtt"))
        return "text/vtt; charset=utf-8";
    return "application/octet-stream";
}

// Who asks: through the signed prefix (the token's viewer) or with an optional bearer.
struct Access {
    store::VideoRecord video;
    bool is_signed = false;
};

std::variant<Access, HttpResponse> bearerAccess(RequestContext& context) {
    auto video = visibleVideo(context);
    if (auto* response = std::get_if<HttpResponse>(&video))
        return std::move(*response);
    return Access{std::move(std::get<store::VideoRecord>(video)), false};
}

// The token must be this video's, unexpired and untampered; its viewer must still be allowed to watch (a
// video made private since stops playing for everyone but its owner, the key included).
std::variant<Access, HttpResponse> signedAccess(RequestContext& context) {
    const std::string& id = context.param("id");
    auto grant = auth::verifyPlaybackToken(context.server.config.url_signing_secret, id,
                                           context.param("token"), unixMillisNow() / 1000);
    if (!grant)
        return errorResponse(403, grant.error().code, grant.error().message);
    auto found =
        context.server.database.read([&](store::Connection& db) { return store::findVideo(db, id); });
    if (!found)
        return storeFailure(found.error());
    if (!*found || !mayView((*found)->visibility, (*found)->owner_id, grant->viewer_id))
        return errorResponse(404, "video_not_found", "no video with id " + id);
    return Access{std::move(**found), true};
}

std::string cacheControl(const Access& access, FileKind kind) {
    // Signed answers are one viewer's: never in shared caches.
    const std::string scope =
        access.is_signed || access.video.visibility == Visibility::Private ? "private" : "public";
    switch (kind) {
    case FileKind::Playlist: // EVENT playlists grow every segment; VOD ones change only on reprocessing
        return scope + (access.video.status == "ready" ? ", max-age=60" : ", max-age=2");
    case FileKind::Segment:
    case FileKind::Init:
        return scope + ", max-age=31536000, immutable";
    case FileKind::Still:
    case FileKind::Invalid:
        break;
    }
    return scope + ", max-age=300";
}

HttpResponse notFound() {
    return errorResponse(404, "not_found", "no such file (is the video processed?)");
}

// relative: below media/<id>/ ("cmaf/360p/seg_00001.m4s", "storyboard/sheet_001.jpg").
HttpResponse serve(RequestContext& context, const Access& access, const std::string& relative,
                   const std::string& name) {
    const FileKind kind = kindOf(name);
    const store::VideoRecord& video = access.video;
    const bool encrypted = video.hls_encryption && video.hls_key_hex;
    if (encrypted && endsWith(name, ".mpd"))
        return errorResponse(404, "not_found", "an encrypted video is offered as HLS only");
    if (encrypted && kind == FileKind::Segment && !access.is_signed)
        return errorResponse(403, "encrypted_video",
                             "this video's segments are served encrypted through its playback URLs only");
    auto file =
        context.server.files.open(uploads::videoMediaDir(context.server.config, video.id) + "/" + relative);
    if (!file)
        return file.error().code == "not_found" ? notFound() : storeFailure(file.error());
    const FileAnswer answer{contentTypeFor(name), cacheControl(access, kind), RangePolicy::Honour};
    if (!encrypted || !access.is_signed)
        return fileResponse(context.request, std::move(*file), answer);

    if (kind == FileKind::Segment) {
        const auto sequence = segmentSequenceNumber(name);
        const auto key = hlsKeyFromHex(*video.hls_key_hex);
        if (!sequence || !key)
            return notFound();
        auto cipher = encryptHlsSegment((*file)->bytes(), *key, *sequence);
        if (!cipher)
            return storeFailure(cipher.error());
        // The encrypted body is made whole, so a Range is answered with all of it (200).
        return generatedResponse(context.request, std::move(cipher).value(), validatorsFor(**file, "aes"),
                                 {answer.content_type, answer.cache_control, RangePolicy::WholeBody});
    }
    if (endsWith(name, ".m3u8") && name != "master.m3u8")
        return generatedResponse(context.request, addHlsKeyTag((*file)->bytes(), kKeyUri),
                                 validatorsFor(**file, "key"), answer);
    return fileResponse(context.request, std::move(*file), answer);
}

template <class Gate> Handler cmafTop(Gate gate) {
    return [gate](RequestContext& context) -> HttpResponse {
        const std::string& file = context.param("file");
        if (!isCmafName(file) || kindOf(file) != FileKind::Playlist)
            return errorResponse(404, "not_found", "no such file");
        auto access = gate(context);
        if (auto* response = std::get_if<HttpResponse>(&access))
            return std::move(*response);
        return serve(context, std::get<Access>(access), "cmaf/" + file, file);
    };
}

template <class Gate> Handler cmafRendition(Gate gate) {
    return [gate](RequestContext& context) -> HttpResponse {
        const std::string& rendition = context.param("rendition");
        const std::string& file = context.param("file");
        if (!isPlainName(rendition) || !isCmafName(file))
            return errorResponse(404, "not_found", "no such file");
        auto access = gate(context);
        if (auto* response = std::get_if<HttpResponse>(&access))
            return std::move(*response);
        return serve(context, std::get<Access>(access), "cmaf/" + rendition + "/" + file, file);
    };
}

// Thumbnails and the storyboard (sheets + WebVTT).
template <class Gate> Handler videoFiles(Gate gate) {
    return [gate](RequestContext& context) -> HttpResponse {
        const std::string& dir = context.param("dir");
        const std::string& file = context.param("file");
        if ((dir != "thumbs" && dir != "storyboard") || !isPlainName(file))
            return errorResponse(404, "not_found", "no such file");
        auto access = gate(context);
        if (auto* response = std::get_if<HttpResponse>(&access))
            return std::move(*response);
        return serve(context, std::get<Access>(access), dir + "/" + file, file);
    };
}

// The AES-128 key: 16 raw bytes, never cached, to a viewer who may still watch the video.
HttpResponse hlsKey(RequestContext& context) {
    auto access = signedAccess(context);
    if (auto* response = std::get_if<HttpResponse>(&access))
        return std::move(*response);
    const auto& video = std::get<Access>(access).video;
    const auto key =
        video.hls_encryption && video.hls_key_hex ? hlsKeyFromHex(*video.hls_key_hex) : std::nullopt;
    if (!key)
        return errorResponse(404, "not_found", "this video is not encrypted");
    HttpResponse response;
    response.body = *key;
    response.headers.set("Content-Type", "application/octet-stream");
    response.headers.set("Cache-Control", "no-store");
    return response;
}

} // namespace

void registerDeliveryRoutes(Router& router, ServerContext&) {
    const RouteOptions playback{.group = "playback"};
    const std::string prefix = "/api/v1/videos/:id";
    const std::string signedPrefix = prefix + "/s/:token";
    router.add(Method::Get, prefix + "/cmaf/:file", cmafTop(bearerAccess), playback);
    router.add(Method::Get, prefix + "/cmaf/:rendition/:file", cmafRendition(bearerAccess), playback);
    router.add(Method::Get, prefix + "/files/:dir/:file", videoFiles(bearerAccess), playback);
    router.add(Method::Get, signedPrefix + "/hls.key", hlsKey, playback);
    // "../hls.key" from a media playlist resolves here; the key is served on both paths.
    router.add(Method::Get, signedPrefix + "/cmaf/hls.key", hlsKey, playback);
    router.add(Method::Get, signedPrefix + "/cmaf/:file", cmafTop(signedAccess), playback);
    router.add(Method::Get, signedPrefix + "/cmaf/:rendition/:file", cmafRendition(signedAccess), playback);
    router.add(Method::Get, signedPrefix + "/files/:dir/:file", videoFiles(signedAccess), playback);
}

} // namespace fc::server::api
