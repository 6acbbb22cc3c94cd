// Every symbol the QML shows as text has a glyph in DejaVu Sans, the font install-deps installs (no emoji
// font is assumed): one without renders as an empty box, as the sidebar's 🔥 and the video cards' 🕒 did. Reads
// the QML sources as text; comments are skipped.
#include <QDirIterator>
#include <QFile>
#include <QFont>
#include <QFontInfo>
#include <QRawFont>
#include <QtTest>

#include <algorithm>
#include <vector>

class TestQmlGlyphs : public QObject {
    Q_OBJECT
private slots:
    void everySymbolHasAGlyph() {
        std::vector<QRawFont> fonts;
        for (const QString& family : {QStringLiteral("DejaVu Sans"), QStringLiteral("DejaVu Sans Mono"),
                                      QStringLiteral("DejaVu Serif")}) {
            const QFont font(family);
            QCOMPARE(QFontInfo(font).family(), family);
            fonts.push_back(QRawFont::fromFont(font));
            QVERIFY(fonts.back().isValid());
        }
        const auto drawable = [&](uint code_point) {
            return std::any_of(fonts.begin(), fonts.end(),
                               [&](const QRawFont& font) { return font.supportsCharacter(code_point); });
        };

        int files = 0;
        QStringList missing;
        QDirIterator it(QStringLiteral(FRAMECAST_QML_DIR), {QStringLiteral("*.qml")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
            ++files;
            int line_number = 0;
            for (const QString& line : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'))) {
                ++line_number;
                const QString code =
                    line.left(line.indexOf(QStringLiteral("//")) >= 0 ? line.indexOf(QStringLiteral("//"))
                                                                      : line.size());
                for (const uint code_point : code.toUcs4())
                    if (code_point > 0x7f && !drawable(code_point))
                        missing.append(QStringLiteral("%1:%2 U+%3")
                                           .arg(QFileInfo(path).fileName())
                                           .arg(line_number)
                                           .arg(code_point, 4, 16, QLatin1Char('0')));
            }
        }
        QVERIFY(files > 20);
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
    }
};

QTEST_MAIN(TestQmlGlyphs)
#include "test_qml_glyphs.moc"
