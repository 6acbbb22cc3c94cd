import QtQuick

// A page of the shell that is created on its first visit and kept afterwards, so the pages a session never
// opens cost no memory (or start-up time). The shell sets `current` while it shows the page; `visited`
// can also be set ahead of a call into the page (search, channel).
Loader {
    property bool current: false
    property bool visited: false

    onCurrentChanged: if (current) visited = true
    active: current || visited
}
