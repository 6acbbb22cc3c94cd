#pragma once
// What a REST call to framecastd came back with, on the GUI thread: the JSON body or an error written for
// people. Network failures are errors too (status 0), so every caller handles one shape.
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace fc::ui {

struct ApiError {
    int status = 0;  // HTTP status; 0 when the server was not reached
    QString code;    // the envelope's code ("quota_exceeded"), or "server_unreachable", "timeout"
    QString message; // readable, shown as is
};

struct ApiResult {
    int status = 0;
    QJsonValue body; // parsed JSON (Null for an empty body)
    ApiError error;  // set when !ok()

    bool ok() const { return status >= 200 && status < 300; }
    QJsonObject object() const { return body.toObject(); }
    QJsonArray items() const { return body.toObject().value(QStringLiteral("items")).toArray(); }
};

} // namespace fc::ui
