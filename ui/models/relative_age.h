#pragma once
// Relative ages ("3 minutes ago") for every list that shows them, and what keeps them true while a list stays
// on screen: a model's age role is recomputed from the clock on each read, so announcing it changed once a
// minute is all a view needs to redraw "just now" as "1 minute ago".
#include <QDateTime>
#include <QList>
#include <QString>

class QAbstractItemModel;

namespace fc::ui {

// "just now", "5 minutes ago", "1 hour ago", "3 days ago", "2 weeks ago", "4 months ago", "1 year ago";
// empty when then is invalid. A time slightly in the future (clock skew) is "just now".
QString ageText(const QDateTime& then, const QDateTime& now);

// Every interval_ms (a minute by default) the model emits dataChanged for its age roles over all its rows.
// The timer is a child of the model and goes with it.
void refreshAgesPeriodically(QAbstractItemModel* model, QList<int> age_roles, int interval_ms = 60'000);

} // namespace fc::ui
