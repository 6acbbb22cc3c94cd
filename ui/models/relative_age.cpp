#include "ui/models/relative_age.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QTimer>

#include <algorithm>

namespace fc::ui {
namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("RelativeAge", text);
}

QString counted(qint64 n, const char* one, const char* many) {
    return n == 1 ? tr(one) : tr(many).arg(n);
}

} // namespace

QString ageText(const QDateTime& then, const QDateTime& now) {
    if (!then.isValid() || !now.isValid())
        return {};
    const qint64 seconds = std::max<qint64>(0, then.secsTo(now));
    const qint64 minutes = seconds / 60;
    const qint64 hours = minutes / 60;
    const qint64 days = hours / 24;
    if (minutes < 1)
        return tr("just now");
    if (hours < 1)
        return counted(minutes, "1 minute ago", "%1 minutes ago");
    if (days < 1)
        return counted(hours, "1 hour ago", "%1 hours ago");
    if (days < 7)
        return counted(days, "1 day ago", "%1 days ago");
    if (days < 30)
        return counted(days / 7, "1 week ago", "%1 weeks ago");
    if (days < 365)
        return counted(days / 30, "1 month ago", "%1 months ago");
    return counted(days / 365, "1 year ago", "%1 years ago");
}

void refreshAgesPeriodically(QAbstractItemModel* model, QList<int> age_roles, int interval_ms) {
    auto* timer = new QTimer(model);
    timer->setInterval(interval_ms);
    QObject::connect(timer, &QTimer::timeout, model, [model, age_roles = std::move(age_roles)] {
        const int rows = model->rowCount();
        if (rows > 0)
            emit model->dataChanged(model->index(0, 0), model->index(rows - 1, 0), age_roles);
    });
    timer->start();
}

} // namespace fc::ui
