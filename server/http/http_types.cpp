#include "server/http/http_types.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "core/util/text.h"

namespace fc::server {
namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

} // namespace

Method parseMethod(std::string_view text) {
    static constexpr std::pair<std::string_view, Method> kMethods[] = {
        {"GET", Method::Get},        {"HEAD", Method::Head},   {"POST", Method::Post},
        {"PUT", Method::Put},        {"PATCH", Method::Patch}, {"DELETE", Method::Delete},
        {"OPTIONS", Method::Options}};
    for (const auto& [name, method] : kMethods)
        if (name == text)
            return method;
    return Method::Invalid;
}

std::string_view methodName(Method method) {
    switch (method) {
    case Method::Get:
        return "GET";
    case Method::Head:
        return "HEAD";
    case Method::Post:
        return "POST";
    case Method::Put:
        return "PUT";
    case Method::Patch:
        return "PATCH";
    case Method::Delete:
        return "DELETE";
    case Method::Options:
        return "OPTIONS";
    case Method::Invalid:
        break;
    }
    return "INVALID";
}

std::optional<std::string_view> Headers::get(std::string_view name) const {
    for (const auto& [key, value] : m_fields)
        if (iequals(key, name))
            return std::string_view(value);
    return std::nullopt;
}

void Headers::set(std::string name, std::string value) {
    remove(name);
    m_fields.emplace_back(std::move(name), std::move(value));
}

void Headers::add(std::string name, std::string value) {
    m_fields.emplace_back(std::move(name), std::move(value));
}

void Headers::remove(std::string_view name) {
    std::erase_if(m_fields, [&](const auto& field) { return iequals(field.first, name); });
}

std::string percentDecode(std::string_view text, bool plus_as_space) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%' && i + 2 < text.size()) {
            const int hi = hexDigitValue(text[i + 1]);
            const int lo = hexDigitValue(text[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += (plus_as_space && c == '+') ? ' ' : c;
    }
    return out;
}

std::optional<std::string> HttpRequest::queryParam(std::string_view name) const {
    std::string_view rest = query;
    while (!rest.empty()) {
        const size_t amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
        const size_t eq = pair.find('=');
        const std::string key = percentDecode(pair.substr(0, eq), true);
        if (key == name)
            return eq == std::string_view::npos ? std::string{} : percentDecode(pair.substr(eq + 1), true);
    }
    return std::nullopt;
}

HttpResponse HttpResponse::json(int status, const nlohmann::json& body) {
    HttpResponse response;
    response.status = status;
    response.headers.set("Content-Type", "application/json");
    // Replace invalid UTF-8 rather than throwing: stored text came from clients.
    response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return response;
}

HttpResponse HttpResponse::noContent(int status) {
    HttpResponse response;
    response.status = status;
    return response;
}

HttpResponse errorResponse(int status, std::string_view code, std::string_view message) {
    return HttpResponse::json(status, {{"error", {{"code", code}, {"message", message}}}});
}

} // namespace fc::server
