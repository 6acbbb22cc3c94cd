pragma Singleton
import QtQuick
import Framecast.Ui

// One theme for the whole app: light or dark, following the system unless the user chose (Settings).
QtObject {
    id: theme

    readonly property SystemPalette systemPalette: SystemPalette { colorGroup: SystemPalette.Active }
    readonly property bool systemIsDark: systemPalette.window.hslLightness < 0.5
    readonly property bool dark: App.settings.themeMode === AppSettings.Dark
                                 || (App.settings.themeMode === AppSettings.System && systemIsDark)

    readonly property color window: dark ? "#0f0f10" : "#f9f9f9"
    readonly property color surface: dark ? "#1c1c1e" : "#ffffff"
    readonly property color surfaceRaised: dark ? "#26262a" : "#f0f0f2"
    readonly property color sidebar: dark ? "#161618" : "#f2f2f4"
    readonly property color text: dark ? "#f1f1f1" : "#0f0f0f"
    readonly property color textMuted: dark ? "#aaaaaa" : "#606060"
    readonly property color divider: dark ? "#303034" : "#e2e2e6"
    readonly property color accent: "#e5322d"
    readonly property color accentText: "#ffffff"
    readonly property color success: dark ? "#4caf50" : "#2e7d32"
    readonly property color warning: dark ? "#ffb74d" : "#b26a00"
    readonly property color danger: dark ? "#ef5350" : "#c62828"
    readonly property color selection: dark ? "#2f3440" : "#e6ecf7"

    readonly property int spacing: 8
    readonly property int radius: 8
    readonly property int sidebarWidth: 220
    readonly property real fontSmall: 12
    readonly property real fontNormal: 14
    readonly property real fontLarge: 18
    readonly property real fontTitle: 24
}
