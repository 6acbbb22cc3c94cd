#pragma once
// How one upload attempt ended (reported by UploadWorker) and what the queue does about it: a pure decision,
// so the rules (what is retried, what needs the creator) are tested without a server.
#include <QString>

namespace fc::ui {

struct UploadOutcome {
    enum class Kind { Invalid = 0, Completed, Stopped, Failed };
    Kind kind = Kind::Invalid;
    qint64 offset_bytes = 0; // last offset the server acknowledged
    QString code;        // the tus client's error code ("network_error", "quota_exceeded", "file_changed"…)
    QString message;     // the tus client's message (technical)
    int http_status = 0; // the answer that failed the attempt; 0 for network and local errors
    QString server_message; // the server's own readable message, if it sent one
};

enum class UploadAction {
    Invalid = 0,
    RetryLater,     // transient: back off and try again by itself
    RefreshSession, // 401: refresh the tokens, then retry or wait for sign-in
    Recreate,       // the server lost the upload (404/410): start a new one
    Fail,           // needs the creator: the reason says what happened
};

struct UploadDecision {
    UploadAction action = UploadAction::Invalid;
    QString reason; // readable, shown on the item
};

// server: the server's address for messages ("http://127.0.0.1:8080").
UploadDecision decideAfterFailure(const UploadOutcome& outcome, const QString& server);

// Exponential backoff for the n-th consecutive transient failure (1-based): 2 s, 4 s, … capped at 60 s.
qint64 retryDelayMs(int failures);

} // namespace fc::ui
