#pragma once
// The rungs the preview can show (App.preview.rungs): the planned ladder before upload, the server's video
// renditions after processing. Lowest first.
#include <QAbstractListModel>
#include <QList>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace fc::ui {

struct PreviewRung {
    QString name; // "360p"
    int width = 0;
    int height = 0;
    int bitrate_kbps = 0; // the ladder's target (Local) or the rendition's average (Server)
};

class PreviewRungModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("PreviewRungModel belongs to App.preview")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        WidthRole,
        HeightRole,
        BitrateKbpsRole,
        LabelRole, // "360p · 640×360 · 700 kb/s"
    };
    Q_ENUM(Role)

    explicit PreviewRungModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return static_cast<int>(m_rungs.size()); }
    const QList<PreviewRung>& rungs() const { return m_rungs; }
    const PreviewRung* at(int row) const;
    int rowOf(const QString& name) const; // -1 when absent
    void reset(QList<PreviewRung> rungs);

signals:
    void countChanged();

private:
    QList<PreviewRung> m_rungs;
};

} // namespace fc::ui
