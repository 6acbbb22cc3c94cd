// POST /api/v1/auth/{register,login,refresh,logout}: accounts and sign-in sessions with opaque tokens.
#include "server/api/routes.h"

#include <nlohmann/json.hpp>

#include "core/util/log.h"
#include "core/util/time.h"
#include "server/api/account_json.h"
#include "server/api/handler_support.h"
#include "server/auth/account_rules.h"
#include "server/auth/password_hasher.h"
#include "server/http/request_context.h"
#include "server/store/session_repository.h"
#include "server/store/user_repository.h"

namespace fc::server::api {
namespace {

store::SessionLifetimes lifetimes(const ServerContext& server) {
    return {server.config.access_token_ttl_s, server.config.refresh_token_ttl_s};
}

std::string userAgent(const HttpRequest& request) {
    const auto agent = request.headers.get("User-Agent");
    return agent ? std::string(*agent) : std::string();
}

// The body every successful sign-in answers with.
nlohmann::json sessionJson(const store::SessionTokens& tokens, const store::UserRecord& user,
                           const ServerContext& server) {
    return {
        {"access_token", tokens.access_token},
        {"refresh_token", tokens.refresh_token},
        {"token_type", "Bearer"},
        {"expires_in", server.config.access_token_ttl_s},
        {"refresh_expires_in", server.config.refresh_token_ttl_s},
        {"user", userToJson(user, EmailExposure::Shown)},
    };
}

struct SignedIn {
    store::UserRecord user;
    store::SessionTokens tokens;
};

HttpResponse registerUser(RequestContext& context) {
    auto parsed = context.jsonObjectBody();
    if (auto* response = std::get_if<HttpResponse>(&parsed))
        return std::move(*response);
    const auto& body = std::get<nlohmann::json>(parsed);
    std::string username;
    std::string email;
    std::string password;
    if (auto bad = readRequiredString(body, "username", username))
        return std::move(*bad);
    if (auto bad = readRequiredString(body, "email", email))
        return std::move(*bad);
    if (auto bad = readRequiredString(body, "password", password))
        return std::move(*bad);
    if (auto message = auth::checkUsername(username))
        return invalidField(*message);
    if (auto message = auth::checkEmail(email))
        return invalidField(*message);
    if (auto message = auth::checkPassword(password))
        return invalidField(*message);

    // Hash before taking the write lock: Argon2 takes tens of milliseconds by design.
    auto hash = auth::hashPassword(password);
    if (!hash)
        return errorResponse(500, "internal_error", hash.error().message);

    const int64_t now_ms = unixMillisNow();
    auto created = context.server.database.write([&](store::Connection& db) -> Result<SignedIn> {
        auto user = store::createUserWithChannel(db, {username, email, *hash}, now_ms);
        if (!user)
            return user.error();
        auto tokens =
            store::createSession(db, user->id, userAgent(context.request), lifetimes(context.server), now_ms);
        if (!tokens)
            return tokens.error();
        return SignedIn{std::move(user).value(), std::move(tokens).value()};
    });
    if (!created) {
        const auto& error = created.error();
        if (error.code == "username_taken" || error.code == "email_taken")
            return errorResponse(409, error.code, error.message);
        return storeFailure(error);
    }
    logInfo("auth: registered user " + created->user.id + " (" + created->user.username + ")");
    return HttpResponse::json(201, sessionJson(created->tokens, created->user, context.server));
}

HttpResponse login(RequestContext& context) {
    auto parsed = context.jsonObjectBody();
    if (auto* response = std::get_if<HttpResponse>(&parsed))
        return std::move(*response);
    const auto& body = std::get<nlohmann::json>(parsed);
    std::string login_name;
    std::string password;
    if (auto bad = readRequiredString(body, "username_or_email", login_name))
        return std::move(*bad);
    if (auto bad = readRequiredString(body, "password", password))
        return std::move(*bad);
    if (login_name.empty() || login_name.size() > auth::kEmailMaxChars)
        return invalidField("username_or_email must be 1 to 254 characters");
    if (password.size() > auth::kPasswordMaxBytes)
        return invalidField("password must be at most 1024 bytes");

    auto found = context.server.database.read(
        [&](store::Connection& db) { return store::findUserByLogin(db, login_name); });
    if (!found)
        return storeFailure(found.error());
    // The same answer, and about the same time, whether the account is missing or the password is wrong.
    const auto refused = [] {
        return errorResponse(401, "invalid_credentials", "the username, email or password is wrong");
    };
    if (!found->has_value()) {
        auth::burnPasswordCheck(password);
        return refused();
    }
    const store::UserRecord& user = **found;
    if (auth::verifyPassword(password, user.password_hash) != auth::PasswordCheck::Match)
        return refused();

    const int64_t now_ms = unixMillisNow();
    auto tokens = context.server.database.write([&](store::Connection& db) {
        return store::createSession(db, user.id, userAgent(context.request), lifetimes(context.server),
                                    now_ms);
    });
    if (!tokens)
        return storeFailure(tokens.error());
    return HttpResponse::json(200, sessionJson(*tokens, user, context.server));
}

HttpResponse refresh(RequestContext& context) {
    auto parsed = context.jsonObjectBody();
    if (auto* response = std::get_if<HttpResponse>(&parsed))
        return std::move(*response);
    std::string refresh_token;
    if (auto bad = readRequiredString(std::get<nlohmann::json>(parsed), "refresh_token", refresh_token))
        return std::move(*bad);

    const int64_t now_ms = unixMillisNow();
    auto rotated =
        context.server.database.write([&](store::Connection& db) -> Result<std::optional<SignedIn>> {
            auto tokens = store::rotateSession(db, refresh_token, lifetimes(context.server), now_ms);
            if (!tokens)
                return tokens.error();
            if (!tokens->has_value())
                return std::optional<SignedIn>();
            auto user = store::findUserById(db, (*tokens)->user_id);
            if (!user)
                return user.error();
            if (!user->has_value())
                return std::optional<SignedIn>();
            return std::optional<SignedIn>(SignedIn{std::move(**user), std::move(**tokens)});
        });
    if (!rotated)
        return storeFailure(rotated.error());
    if (!rotated->has_value())
        return errorResponse(401, "invalid_token", "the refresh token is unknown or expired; sign in again");
    return HttpResponse::json(200, sessionJson((*rotated)->tokens, (*rotated)->user, context.server));
}

HttpResponse logout(RequestContext& context) {
    const int64_t session_id = context.user->session_id;
    auto deleted = context.server.database.write(
        [&](store::Connection& db) { return store::deleteSession(db, session_id); });
    if (!deleted)
        return storeFailure(deleted.error());
    return HttpResponse::noContent();
}

} // namespace

void registerAuthRoutes(Router& router, ServerContext&) {
    router.add(Method::Post, "/api/v1/auth/register", registerUser, {.group = "auth"});
    router.add(Method::Post, "/api/v1/auth/login", login, {.group = "auth"});
    router.add(Method::Post, "/api/v1/auth/refresh", refresh, {.group = "auth"});
    router.add(Method::Post, "/api/v1/auth/logout", logout, {.group = "auth", .auth = AuthPolicy::Required});
}

} // namespace fc::server::api
