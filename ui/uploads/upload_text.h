#pragma once
// The words and numbers an upload card shows ("12.3 MB of 40 MB · 2.1 MB/s · 15 s left"), made in C++ so QML
// only displays them. Decimal units, as the bandwidth setting (kB/s).
#include <QString>

#include "ui/uploads/upload_item.h"

namespace fc::ui {

QString formatBytes(qint64 bytes);            // "0 B", "950 B", "12.3 kB", "40 MB", "1.25 GB"
QString formatDuration(qint64 seconds);       // "15 s", "2 min 5 s", "1 h 3 min"
QString formatSpeed(double bytes_per_second); // "2.1 MB/s"

// Sent of total, and while sending the speed and time left ("" parts are left out when unknown).
QString uploadProgressText(const UploadItem& item);
// What the item is doing, as a sentence ("Uploading", "Retrying in 4 s — Cannot reach the server…").
QString uploadStateText(const UploadItem& item, qint64 now_ms);
// Seconds left at the smoothed speed, or -1 when unknown.
qint64 uploadEtaSeconds(const UploadItem& item);

} // namespace fc::ui
