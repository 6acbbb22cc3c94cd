// One HTTP/1.1 connection: read header → admit (worker pool) → read body in chunks → run (worker pool) →
// write. Requests on a connection are handled one at a time; the socket's strand serialises everything here.
#include "server/net/http_session.h"

#include <algorithm>

#include <array>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "core/util/log.h"
#include "server/net/websocket_session.h"

namespace fc::server::net {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;

constexpr size_t kHeaderLimitBytes = 16 * 1024;
constexpr size_t kChunkBytes = 1 << 20;
// Beast reads from the socket into the session's flat_buffer, at most as much as it has room for (512 bytes
// when the buffer is new): a large body needs room for large reads, an idle connection should not keep it.
constexpr size_t kBodyReadBufferBytes = 256 * 1024;
constexpr size_t kIdleBufferBytes = 16 * 1024;
constexpr auto kLingerTime = std::chrono::seconds(2); // how long a closing connection drains the client
constexpr size_t kLingerMaxBytes = 8 * 1024 * 1024;

class HttpSession : public ClosableSession, public std::enable_shared_from_this<HttpSession> {
public:
    HttpSession(asio::ip::tcp::socket&& socket, SessionEnv& env) : m_stream(std::move(socket)), m_env(env) {
        beast::error_code ec;
        const auto endpoint = m_stream.socket().remote_endpoint(ec);
        m_remoteIp = ec ? std::string("unknown") : endpoint.address().to_string();
    }

    void start() {
        asio::dispatch(m_stream.get_executor(),
                       beast::bind_front_handler(&HttpSession::readHeader, shared_from_this()));
    }

    void closeGracefully() override {
        asio::post(m_stream.get_executor(), [self = shared_from_this()] {
            self->m_closeAfterResponse = true;
            if (self->m_idle) {
                beast::error_code ignored;
                self->m_stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
                self->m_stream.close();
            }
        });
    }

private:
    void readHeader() {
        if (m_closeAfterResponse)
            return close();
        m_idle = true;
        m_parser.emplace();
        m_parser->header_limit(kHeaderLimitBytes);
        // Limits are per route, enforced as the body arrives. Not boost::none: Boost 1.74 compares the length
        // against an empty optional and refuses every body.
        m_parser->body_limit(std::numeric_limits<std::uint64_t>::max());
        m_stream.expires_after(std::chrono::seconds(m_firstRequest ? m_env.server.config.header_timeout_s
                                                                   : m_env.server.config.idle_timeout_s));
        http::async_read_header(m_stream, m_buffer, *m_parser,
                                beast::bind_front_handler(&HttpSession::onHeader, shared_from_this()));
    }

    void onHeader(beast::error_code ec, size_t) {
        m_idle = false;
        m_firstRequest = false;
        if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
            ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
            ec == asio::error::eof)
            return close();
        if (ec) {
            const bool tooLarge = ec == http::error::header_limit;
            HttpResponse response =
                tooLarge ? errorResponse(431, "headers_too_large", "request headers exceed 16 KiB")
                         : errorResponse(400, "bad_request", "malformed HTTP request: " + ec.message());
            m_keepAlive = false;
            return writeResponse(std::move(response));
        }
        m_stream.expires_after(std::chrono::seconds(m_env.server.config.body_timeout_s));
        auto& header = m_parser->get();
        m_keepAlive = header.keep_alive();
        m_expectContinue = beast::iequals(header[http::field::expect], "100-continue");
        m_isHead = header.method() == http::verb::head;

        HttpRequest request;
        request.method =
            parseMethod(std::string_view(header.method_string().data(), header.method_string().size()));
        request.target = std::string(header.target());
        const size_t question = request.target.find('?');
        request.path = percentDecode(std::string_view(request.target).substr(0, question), false);
        if (question != std::string::npos)
            request.query = request.target.substr(question + 1);
        // A decoded NUL would cut the name where the file is opened after its suffix was checked
        // (".m4s%00.mp4").
        if (std::any_of(request.path.begin(), request.path.end(),
                        [](unsigned char c) { return c < 0x20 || c == 0x7f; }))
            return writeResponse(
                errorResponse(400, "bad_path", "the request path contains a control character"));
        for (const auto& field : header)
            request.headers.add(std::string(field.name_string()), std::string(field.value()));
        request.remote_ip = m_remoteIp;

        if (beast::websocket::is_upgrade(header)) {
            if (request.path != "/api/v1/ws") {
                m_keepAlive = false;
                return writeResponse(
                    errorResponse(404, "not_found", "WebSocket is served at /api/v1/ws only"));
            }
            return post([this, request = std::move(request)]() mutable {
                auto admission = m_env.pipeline.admitWebSocket(std::move(request));
                return [this, admission = std::move(admission)]() mutable {
                    onWebSocketAdmission(std::move(admission));
                };
            });
        }
        if (request.method == Method::Invalid) {
            m_keepAlive = false;
            return writeResponse(
                errorResponse(501, "method_not_implemented",
                              "method " + std::string(header.method_string()) + " is not supported"));
        }
        post([this, request = std::move(request)]() mutable {
            auto admission = m_env.pipeline.admit(std::move(request));
            return [this, admission = std::move(admission)]() mutable { onAdmission(std::move(admission)); };
        });
    }

    // Runs work on the worker pool, then its continuation back on this session's strand.
    template <class Work> void post(Work work) {
        asio::post(m_env.workers, [self = shared_from_this(), work = std::move(work)]() mutable {
            auto continuation = work();
            auto executor = self->m_stream.get_executor();
            asio::post(executor, [self = std::move(self), continuation = std::move(continuation)]() mutable {
                continuation();
            });
        });
    }

    void onWebSocketAdmission(WebSocketAdmission admission) {
        if (admission.rejection) {
            m_keepAlive = false;
            return writeResponse(std::move(*admission.rejection));
        }
        m_stream.expires_never();
        startWebSocketSession(m_stream.release_socket(), m_parser->release(), std::move(admission.user),
                              m_env);
    }

    void onAdmission(Admission admission) {
        if (admission.response) {
            if (!m_parser->is_done())
                m_keepAlive = false; // the body was not read; the connection cannot be reused
            return writeResponse(std::move(*admission.response));
        }
        m_call = std::move(admission.call);
        m_maxBodyBytes = admission.max_body_bytes;
        m_body.clear();
        m_filled = 0;
        if (auto length = m_parser->content_length(); length && !m_call->sink && *length > m_maxBodyBytes) {
            m_keepAlive = false;
            return writeResponse(tooLarge());
        }
        if (m_parser->is_done())
            return bodyComplete();
        if (m_expectContinue) {
            auto continue_ = std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
            return http::async_write(m_stream, *continue_,
                                     [self = shared_from_this(), continue_](beast::error_code ec, size_t) {
                                         if (ec)
                                             return self->bodyLost();
                                         self->readBodyChunk();
                                     });
        }
        readBodyChunk();
    }

    HttpResponse tooLarge() const {
        return errorResponse(413, "payload_too_large",
                             "the request body exceeds " + std::to_string(m_maxBodyBytes) + " bytes");
    }

    // Reads into m_chunk from m_filled on. Each read returns what has arrived (read_some), so the deadline is
    // the longest pause between bytes, not a time for the whole chunk: slow uplinks are not cut off.
    void readBodyChunk() {
        if (m_buffer.capacity() < kBodyReadBufferBytes)
            m_buffer.reserve(kBodyReadBufferBytes);
        m_chunk.resize(kChunkBytes);
        auto& body = m_parser->get().body();
        body.data = m_chunk.data() + m_filled;
        body.size = m_chunk.size() - m_filled;
        m_stream.expires_after(std::chrono::seconds(m_env.server.config.body_timeout_s));
        http::async_read_some(m_stream, m_buffer, *m_parser,
                              beast::bind_front_handler(&HttpSession::onBodyChunk, shared_from_this()));
    }

    void onBodyChunk(beast::error_code ec, size_t) {
        if (ec == http::error::need_buffer)
            ec = {};
        m_filled = m_chunk.size() - m_parser->get().body().size;
        if (ec)
            return bodyLost(m_filled);
        const bool done = m_parser->is_done();
        if (m_call->sink) {
            // Hand the sink whole chunks (one disk write and pool round trip per MiB), or what is left at the
            // end.
            if (!done && m_filled < m_chunk.size())
                return readBodyChunk();
            if (m_filled == 0)
                return bodyComplete();
            const size_t filled = std::exchange(m_filled, 0);
            return post([this, filled] {
                auto written = m_call->sink->write(std::string_view(m_chunk.data(), filled));
                return [this, failed = !written.ok()] {
                    if (failed) {
                        // The sink refused (checksum, quota, disk): stop reading, let it answer, drop the
                        // rest.
                        m_keepAlive = m_parser->is_done() && m_keepAlive;
                        return bodyComplete();
                    }
                    m_parser->is_done() ? bodyComplete() : readBodyChunk();
                };
            });
        }
        m_body.append(m_chunk.data(), std::exchange(m_filled, 0));
        if (m_body.size() > m_maxBodyBytes) {
            m_keepAlive = false;
            return writeResponse(tooLarge());
        }
        done ? bodyComplete() : readBodyChunk();
    }

    void bodyComplete() {
        m_stream.expires_after(
            std::chrono::seconds(600)); // the handler runs; writing has its own deadline below
        if (m_call->sink) {
            return post([this] {
                auto response = m_env.pipeline.finishStream(*m_call, BodyEnd::Complete);
                return
                    [this, response = std::move(response)]() mutable { writeResponse(std::move(response)); };
            });
        }
        m_call->request.body = std::move(m_body);
        post([this] {
            auto response = m_env.pipeline.runBuffered(*m_call);
            return [this, response = std::move(response)]() mutable { writeResponse(std::move(response)); };
        });
    }

    // The client went away or stalled mid-body. A streaming sink still keeps what arrived (tus resumes from
    // it).
    void bodyLost(size_t partial_bytes = 0) {
        if (m_call && m_call->sink) {
            return post([this, partial_bytes] {
                // Bytes that arrived before the drop count too: the client resumes from what HEAD reports.
                if (partial_bytes > 0)
                    (void)m_call->sink->write(std::string_view(m_chunk.data(), partial_bytes));
                (void)m_env.pipeline.finishStream(*m_call, BodyEnd::ConnectionLost);
                return [this] { close(); };
            });
        }
        close();
    }

    void writeResponse(HttpResponse response) {
        m_call.reset();
        const bool keepAlive =
            m_keepAlive && !response.close_connection && !m_closeAfterResponse && !m_env.stopping.load();
        if (response.file_body && !m_isHead)
            return writeFileResponse(std::move(response), keepAlive);
        auto message = std::make_shared<http::response<http::string_body>>();
        fillHeader(*message, response, keepAlive);
        const uint64_t length = response.bodySize();
        if (!m_isHead)
            message->body() = std::move(response.body);
        if (response.status != 204 && response.status != 304 && response.status >= 200)
            message->content_length(length);
        m_stream.expires_after(std::chrono::seconds(m_env.server.config.body_timeout_s));
        http::async_write(m_stream, *message,
                          [self = shared_from_this(), message, keepAlive](beast::error_code ec, size_t) {
                              self->onWritten(ec, keepAlive);
                          });
    }

    template <class Message> void fillHeader(Message& message, const HttpResponse& response, bool keepAlive) {
        message.version(11);
        message.result(static_cast<unsigned>(response.status));
        for (const auto& [name, value] : response.headers.all())
            message.insert(name, value);
        message.set(http::field::server, "framecastd");
        message.keep_alive(keepAlive);
    }

    // A file body goes out straight from its mapping (no copy), piece by piece as the socket takes it. The
    // deadline is re-armed after every piece, so it bounds a stall, not the whole transfer: a slow but live
    // reader is not cut off, and memory per reader stays a few buffers whatever the file's size.
    struct FileWrite {
        using Body = http::span_body<const char>;
        explicit FileWrite(FileBody body_) : body(std::move(body_)), serializer(message) {}
        FileBody body; // keeps the mapping alive until the last byte is written
        http::response<Body> message;
        http::response_serializer<Body> serializer;
    };

    void writeFileResponse(HttpResponse response, bool keepAlive) {
        auto write = std::make_shared<FileWrite>(std::move(*response.file_body));
        fillHeader(write->message, response, keepAlive);
        const std::string_view bytes = write->body.bytes();
        write->message.body() = FileWrite::Body::value_type(bytes.data(), bytes.size());
        write->message.content_length(bytes.size());
        writeFilePiece(std::move(write), keepAlive);
    }

    void writeFilePiece(std::shared_ptr<FileWrite> write, bool keepAlive) {
        m_stream.expires_after(std::chrono::seconds(m_env.server.config.body_timeout_s));
        auto& serializer = write->serializer;
        http::async_write_some(m_stream, serializer,
                               [self = shared_from_this(), write = std::move(write),
                                keepAlive](beast::error_code ec, size_t) mutable {
                                   if (!ec && !write->serializer.is_done())
                                       return self->writeFilePiece(std::move(write), keepAlive);
                                   self->onWritten(ec, keepAlive);
                               });
    }

    void onWritten(beast::error_code ec, bool keepAlive) {
        if (ec || !keepAlive)
            return close();
        if (m_buffer.size() == 0 && m_buffer.capacity() > kIdleBufferBytes) {
            m_buffer.shrink_to_fit();
            std::vector<char>().swap(m_chunk);
        }
        readHeader();
    }

    // A lingering close (as nginx's lingering_close): after our FIN, read and discard what the client still
    // sends for a moment. Closing with unread bytes makes the kernel answer them with a RST, which can
    // destroy the response just sent (a 413 to a client still uploading would arrive as a reset connection).
    void close() {
        if (m_lingerBuffer)
            return; // already closing
        beast::error_code ignored;
        m_stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
        m_stream.expires_after(kLingerTime);
        m_lingerBuffer = std::make_unique<std::array<char, 16 * 1024>>();
        m_lingeredBytes = 0;
        drainThenClose();
    }

    void drainThenClose() {
        m_stream.async_read_some(asio::buffer(*m_lingerBuffer),
                                 [self = shared_from_this()](beast::error_code ec, size_t bytes) {
                                     self->m_lingeredBytes += bytes;
                                     if (ec || self->m_lingeredBytes > kLingerMaxBytes)
                                         return self->m_stream.close();
                                     self->drainThenClose();
                                 });
    }

    beast::tcp_stream m_stream;
    SessionEnv& m_env;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::buffer_body>> m_parser;
    std::unique_ptr<RouteCall> m_call;
    std::vector<char> m_chunk;
    std::string m_body;
    std::string m_remoteIp;
    size_t m_maxBodyBytes = 0;
    size_t m_filled = 0; // bytes of m_chunk read but not yet handed on
    bool m_keepAlive = true;
    bool m_expectContinue = false;
    bool m_isHead = false;
    bool m_idle = false;
    bool m_firstRequest = true;
    bool m_closeAfterResponse = false;
    std::unique_ptr<std::array<char, 16 * 1024>> m_lingerBuffer; // only while closing
    size_t m_lingeredBytes = 0;
};

} // namespace

void startHttpSession(asio::ip::tcp::socket socket, SessionEnv& env) {
    auto session = std::make_shared<HttpSession>(std::move(socket), env);
    env.registry.add(session);
    session->start();
}

} // namespace fc::server::net
