// The runner's side of the runner<->server protocol, answered locally: what a Forgejo server does with
// a task's reports (log rows, step and job state, job outputs) is to store them, and so do we, so the
// e2e tests can read what a Forgejo user would see in the web UI.
package main

import (
	"context"
	"errors"
	"maps"
	"sync"

	pingv1 "code.forgejo.org/forgejo/actions-proto/ping/v1"
	runnerv1 "code.forgejo.org/forgejo/actions-proto/runner/v1"
	"connectrpc.com/connect"
	"google.golang.org/protobuf/proto"
)

// taskRecord is what the "server" knows about one task.
type taskRecord struct {
	rows    []*runnerv1.LogRow
	state   *runnerv1.TaskState
	outputs map[string]string
}

// localServer implements client.Client.
type localServer struct {
	address string
	mu      sync.Mutex
	tasks   map[int64]*taskRecord
}

func newLocalServer(address string) *localServer {
	return &localServer{address: address, tasks: map[int64]*taskRecord{}}
}

func (s *localServer) task(id int64) *taskRecord {
	t, ok := s.tasks[id]
	if !ok {
		t = &taskRecord{outputs: map[string]string{}}
		s.tasks[id] = t
	}
	return t
}

// snapshot returns a copy of what the task reported so far.
func (s *localServer) snapshot(id int64) (rows []*runnerv1.LogRow, state *runnerv1.TaskState, outputs map[string]string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.task(id)
	if t.state != nil {
		state = proto.Clone(t.state).(*runnerv1.TaskState)
	}
	return append([]*runnerv1.LogRow(nil), t.rows...), state, maps.Clone(t.outputs)
}

func (s *localServer) Address() string { return s.address }
func (s *localServer) Insecure() bool  { return false }

func (s *localServer) Ping(context.Context, *connect.Request[pingv1.PingRequest]) (*connect.Response[pingv1.PingResponse], error) {
	return connect.NewResponse(&pingv1.PingResponse{}), nil
}

var errNotHere = errors.New("not offered by the local server: tasks are handed to Runner.Run directly")

func (s *localServer) Register(context.Context, *connect.Request[runnerv1.RegisterRequest]) (*connect.Response[runnerv1.RegisterResponse], error) {
	return nil, errNotHere
}

func (s *localServer) Declare(context.Context, *connect.Request[runnerv1.DeclareRequest]) (*connect.Response[runnerv1.DeclareResponse], error) {
	return nil, errNotHere
}

func (s *localServer) FetchTask(context.Context, *connect.Request[runnerv1.FetchTaskRequest]) (*connect.Response[runnerv1.FetchTaskResponse], error) {
	return nil, errNotHere
}

// UpdateTask stores the state and outputs and echoes the state back (never cancelling the task), and
// acknowledges every output key it holds, as the server does.
func (s *localServer) UpdateTask(_ context.Context, req *connect.Request[runnerv1.UpdateTaskRequest]) (*connect.Response[runnerv1.UpdateTaskResponse], error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	state := req.Msg.GetState()
	t := s.task(state.GetId())
	t.state = proto.Clone(state).(*runnerv1.TaskState)
	maps.Copy(t.outputs, req.Msg.GetOutputs())
	sent := make([]string, 0, len(t.outputs))
	for k := range t.outputs {
		sent = append(sent, k)
	}
	return connect.NewResponse(&runnerv1.UpdateTaskResponse{State: state, SentOutputs: sent}), nil
}

// UpdateLog appends the rows at their index and acknowledges all of them.
func (s *localServer) UpdateLog(_ context.Context, req *connect.Request[runnerv1.UpdateLogRequest]) (*connect.Response[runnerv1.UpdateLogResponse], error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.task(req.Msg.GetTaskId())
	index := int(req.Msg.GetIndex())
	if index > len(t.rows) {
		return nil, connect.NewError(connect.CodeInvalidArgument, errors.New("log rows out of order"))
	}
	t.rows = append(t.rows[:index], req.Msg.GetRows()...)
	return connect.NewResponse(&runnerv1.UpdateLogResponse{AckIndex: int64(len(t.rows))}), nil
}
