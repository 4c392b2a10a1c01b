// Command pause is the sandbox ("pause") process of the test cluster's real nodes: it holds a pod's
// namespaces until it is told to stop. registry.k8s.io/pause cannot be pulled here, so
// build-control-plane.sh builds this one and real-nodes.sh wraps it in an image.
package main

import (
	"os"
	"os/signal"
	"syscall"
)

func main() {
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	// As PID 1 of the pod it also reaps orphans that exit inside a shared PID namespace.
	children := make(chan os.Signal, 8)
	signal.Notify(children, syscall.SIGCHLD)
	for {
		select {
		case <-stop:
			return
		case <-children:
			for {
				pid, err := syscall.Wait4(-1, nil, syscall.WNOHANG, nil)
				if pid <= 0 || err != nil {
					break
				}
			}
		}
	}
}
