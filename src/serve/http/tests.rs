//! The HTTP layer over real sockets on 127.0.0.1: framing, refusals, and the bounds on slow clients
//! and open connections.

use super::*;

type Seen = (String, String, Vec<u8>);

fn start(deadline: Duration) -> (SocketAddr, Stopper, std::sync::mpsc::Receiver<Seen>) {
    let listener = Listener::bind([127, 0, 0, 1].into(), 0).unwrap().with_deadline(deadline);
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let (stopper, _) = listener.serve(move |request| {
        let seen = (request.method().to_string(), request.url().to_string(), request.body().to_vec());
        let _ = tx.send(seen);
        request.respond(Response::new(200, "hi", "text/plain").with_header("X-Test", "1"));
    });
    (addr, stopper, rx)
}

fn exchange(raw: &[u8]) -> (Option<Seen>, String) {
    let (addr, stopper, rx) = start(REQUEST_DEADLINE);
    let mut client = TcpStream::connect(addr).unwrap();
    client.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    client.write_all(raw).unwrap();
    let mut reply = Vec::new();
    let _ = client.read_to_end(&mut reply);
    stopper.stop();
    (rx.recv_timeout(Duration::from_millis(200)).ok(), String::from_utf8_lossy(&reply).into_owned())
}

#[test]
fn one_request_per_connection_then_close() {
    let (seen, reply) = exchange(b"POST /f?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc");
    assert_eq!(seen, Some(("POST".into(), "/f?x=1".into(), b"abc".to_vec())));
    assert!(reply.starts_with("HTTP/1.1 200 OK\r\n"), "{reply}");
    assert!(reply.contains("X-Test: 1\r\n") && reply.contains("Connection: close\r\n"), "{reply}");
    assert!(reply.ends_with("\r\n\r\nhi"), "{reply}");
}

#[test]
fn head_requests_get_no_body() {
    let (_, reply) = exchange(b"HEAD / HTTP/1.1\r\nHost: a\r\n\r\n");
    assert!(reply.contains("Content-Length: 2\r\n") && reply.ends_with("\r\n\r\n"), "{reply}");
}

#[test]
fn bad_and_oversized_requests_are_refused() {
    let (seen, reply) = exchange(b"NONSENSE\r\n\r\n");
    assert!(seen.is_none() && reply.starts_with("HTTP/1.1 400 "), "{reply}");
    let (seen, reply) = exchange(b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 999999999\r\n\r\n");
    assert!(seen.is_none() && reply.starts_with("HTTP/1.1 413 "), "{reply}");
    let (seen, reply) =
        exchange(b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
    assert!(seen.is_none() && reply.starts_with("HTTP/1.1 411 "), "{reply}");
}

#[test]
fn a_pipelined_second_request_is_not_answered() {
    let (seen, reply) = exchange(b"GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\n");
    assert_eq!(seen.map(|s| s.1), Some("/a".to_string()));
    assert_eq!(reply.matches("HTTP/1.1 ").count(), 1, "{reply}");
}

#[test]
fn a_head_sent_byte_by_byte_is_read() {
    let (addr, stopper, rx) = start(REQUEST_DEADLINE);
    let mut client = TcpStream::connect(addr).unwrap();
    for byte in b"\r\nGET /slow HTTP/1.0\r\n\r\n" {
        client.write_all(&[*byte]).unwrap();
    }
    let mut reply = String::new();
    client.read_to_string(&mut reply).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200 "), "{reply}");
    assert_eq!(rx.recv_timeout(Duration::from_secs(1)).unwrap().1, "/slow");
    stopper.stop();
}

#[test]
fn a_client_that_never_finishes_its_head_is_cut_off_at_the_deadline() {
    let (addr, stopper, rx) = start(Duration::from_millis(300));
    let started = Instant::now();
    let mut slow = TcpStream::connect(addr).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut silent = TcpStream::connect(addr).unwrap();
    silent.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\n").unwrap();
    // One header byte every 50 ms would go on for ever without the deadline.
    for _ in 0..100 {
        if slow.write_all(b"X").is_err() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
        if started.elapsed() > Duration::from_secs(1) {
            break;
        }
    }
    let mut reply = Vec::new();
    let _ = slow.read_to_end(&mut reply);
    let reply = String::from_utf8_lossy(&reply);
    assert!(reply.starts_with("HTTP/1.1 408 ") || reply.is_empty(), "{reply}");
    let mut nothing = Vec::new();
    let _ = silent.read_to_end(&mut nothing);
    assert!(nothing.is_empty(), "a connection that sent nothing is closed without a word");
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    assert!(rx.try_recv().is_err());
    stopper.stop();
}

#[test]
fn connections_past_the_limit_get_503_and_the_server_recovers() {
    let (addr, stopper, _rx) = start(Duration::from_secs(5));
    let idle: Vec<TcpStream> = (0..MAX_CONNECTIONS).map(|_| TcpStream::connect(addr).unwrap()).collect();
    // The acceptor takes connections in order, so one more lands after all the idle ones.
    let mut extra = TcpStream::connect(addr).unwrap();
    extra.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut reply = String::new();
    let _ = extra.read_to_string(&mut reply);
    assert!(reply.starts_with("HTTP/1.1 503 "), "{reply}");
    drop(idle);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let mut client = TcpStream::connect(addr).unwrap();
        client.write_all(b"GET / HTTP/1.0\r\n\r\n").unwrap();
        let mut reply = String::new();
        let _ = client.read_to_string(&mut reply);
        if reply.starts_with("HTTP/1.1 200 ") {
            break;
        }
        assert!(Instant::now() < deadline, "the server did not recover: {reply}");
        std::thread::sleep(Duration::from_millis(20));
    }
    stopper.stop();
}

#[test]
fn header_values_cannot_add_header_lines() {
    let response = Response::new(302, "", "text/plain").with_header("Location", "/a\r\nSet-Cookie: x=1");
    assert!(response.head().contains("Location: /a  Set-Cookie: x=1\r\n"), "{}", response.head());
}

#[test]
fn the_port_is_free_as_soon_as_stop_returns() {
    for _ in 0..20 {
        let (addr, stopper, _rx) = start(REQUEST_DEADLINE);
        stopper.stop();
        // No retry: a restart on the same port must get it at once.
        let again = TcpListener::bind(addr);
        assert!(again.is_ok(), "{addr} still taken after stop: {again:?}");
    }
}
