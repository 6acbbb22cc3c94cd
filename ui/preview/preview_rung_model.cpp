#include "ui/preview/preview_rung_model.h"

namespace fc::ui {

PreviewRungModel::PreviewRungModel(QObject* parent) : QAbstractListModel(parent) {}

int PreviewRungModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QVariant PreviewRungModel::data(const QModelIndex& index, int role) const {
    const PreviewRung* rung = index.isValid() ? at(index.row()) : nullptr;
    if (!rung)
        return {};
    switch (role) {
    case NameRole:
        return rung->name;
    case WidthRole:
        return rung->width;
    case HeightRole:
        return rung->height;
    case BitrateKbpsRole:
        return rung->bitrate_kbps;
    case Qt::DisplayRole:
    case LabelRole:
        return QStringLiteral("%1 · %2×%3 · %4 kb/s")
            .arg(rung->name)
            .arg(rung->width)
            .arg(rung->height)
            .arg(rung->bitrate_kbps);
    default:
        return {};
    }
}

QHash<int, QByteArray> PreviewRungModel::roleNames() const {
    return {{NameRole, "name"},
            {WidthRole, "width"},
            {HeightRole, "height"},
            {BitrateKbpsRole, "bitrateKbps"},
            {LabelRole, "label"}};
}

const PreviewRung* PreviewRungModel::at(int row) const {
    return row >= 0 && row < count() ? &m_rungs[row] : nullptr;
}

int PreviewRungModel::rowOf(const QString& name) const {
    for (int row = 0; row < count(); ++row)
        if (m_rungs[row].name == name)
            return row;
    return -1;
}

void PreviewRungModel::reset(QList<PreviewRung> rungs) {
    const int before = count();
    beginResetModel();
    m_rungs = std::move(rungs);
    endResetModel();
    if (before != count())
        emit countChanged();
}

} // namespace fc::ui
