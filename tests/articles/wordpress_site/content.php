<?php
/*
 * Fills a new WordPress through its own PHP API with a clinic blog like the ones we move in, then
 * writes the export and each post as WordPress renders it. Run by make_fixtures.sh. The words are
 * our own; the cases are the move-in issue's list.
 */
$_SERVER['HTTP_HOST'] = getenv('HTTP_HOST');
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
$fixtures = getenv('FIXTURES');
define('WP_INSTALLING', true);
require_once '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/export.php';

wp_install('Forever Fit Physical Therapy', 'clinicadmin', 'web@foreverfitpt.example', true, '',
    wp_generate_password(24));
wp_set_current_user(1);
update_option('timezone_string', 'America/New_York');
global $wp_rewrite;  // pretty addresses, as every clinic site has them
$wp_rewrite->set_permalink_structure('/%year%/%monthnum%/%postname%/');
$wp_rewrite->set_category_base('');
$wp_rewrite->init();
update_option('blogdescription', 'Physical therapy in five Maryland towns');
wp_delete_post(1, true);  // the sample post and page
wp_delete_post(2, true);
wp_delete_post(3, true);

$dana = wp_insert_user(['user_login' => 'dana', 'user_pass' => wp_generate_password(24),
    'display_name' => 'Dana Whitfield, DPT', 'role' => 'author', 'user_email' => 'dana@foreverfitpt.example']);

function fail($message) { fwrite(STDERR, "$message\n"); exit(1); }

// --- Pictures, drawn here (GD) and added as WordPress adds an upload (sizes included) ---------
function picture($name, $width, $height, $rgb, $alt, $month) {
    $image = imagecreatetruecolor($width, $height);
    imagefill($image, 0, 0, imagecolorallocate($image, ...$rgb));
    $ink = imagecolorallocate($image, 250, 250, 245);
    for ($i = 0; $i < 6; $i++) {
        imagefilledellipse($image, intdiv($width * ($i + 1), 7), intdiv($height, 2) + ($i % 2) * 40,
            intdiv($width, 9), intdiv($width, 9), $ink);
    }
    ob_start();
    imagejpeg($image, null, 70);
    $upload = wp_upload_bits($name, null, ob_get_clean(), $month);
    if ($upload['error']) fail($upload['error']);
    $id = wp_insert_attachment(['post_mime_type' => 'image/jpeg', 'post_title' => $alt,
        'post_status' => 'inherit'], $upload['file']);
    wp_update_attachment_metadata($id, wp_generate_attachment_metadata($id, $upload['file']));
    update_post_meta($id, '_wp_attachment_image_alt', $alt);
    return $id;
}

$knee = picture('knee-exercise.jpg', 1200, 800, [46, 110, 120], 'A therapist guiding a knee bend', '2024/05');
$shoulder = picture('shoulder-band.jpg', 1200, 800, [90, 70, 120], 'Stretching a shoulder with a band', '2024/05');
$walk = picture('walking-path.jpg', 1000, 667, [60, 120, 70], 'Two people walking on a park path', '2024/05');
$desk = picture('front-desk.jpg', 900, 600, [130, 90, 60], 'The front desk of the Crofton clinic', '2024/06');
function src($id, $size = 'full') { return wp_get_attachment_image_url($id, $size); }

// --- Categories (one nested) and tags --------------------------------------------------------
$sports = wp_insert_term('Sports injuries', 'category', ['slug' => 'sports-injuries'])['term_id'];
$running = wp_insert_term('Running', 'category', ['slug' => 'running', 'parent' => $sports])['term_id'];
$back = wp_insert_term('Back pain', 'category', ['slug' => 'back-pain'])['term_id'];
$news = wp_insert_term('Clinic news', 'category', ['slug' => 'clinic-news'])['term_id'];

function post($title, $content, $args = []) {
    $id = wp_insert_post(array_merge([
        'post_title' => $title, 'post_content' => $content, 'post_status' => 'publish',
        'post_type' => 'post', 'post_author' => 1,
    ], $args), true);
    if (is_wp_error($id)) fail($id->get_error_message());
    return $id;
}

// Block-editor markup as the editor's script saves it (WordPress 6.1), checked below.
function block($name, $html, $attributes = null) {
    $json = $attributes ? ' ' . wp_json_encode($attributes, JSON_UNESCAPED_SLASHES) : '';
    return "<!-- wp:$name$json -->\n$html\n<!-- /wp:$name -->\n\n";
}
function para($text) { return block('paragraph', "<p>$text</p>"); }
function heading($level, $text) {
    return block('heading', "<h$level>$text</h$level>", $level == 2 ? null : ['level' => $level]);
}
function image_block($id, $caption = '') {
    $figcaption = $caption ? "<figcaption class=\"wp-element-caption\">$caption</figcaption>" : '';
    $alt = esc_attr(get_post_meta($id, '_wp_attachment_image_alt', true));
    return block('image', "<figure class=\"wp-block-image size-large\"><img src=\"" . src($id, 'large')
        . "\" alt=\"$alt\" class=\"wp-image-$id\"/>$figcaption</figure>",
        ['id' => $id, 'sizeSlug' => 'large', 'linkDestination' => 'none']);
}

$posts = [];

// 1. Classic editor: wpautop paragraphs, [caption], h4/h5, a table; two categories, one nested;
// tags; sticky.
$posts['classic'] = post('Getting back to running after a knee sprain',
    "Most runners want to know one thing after a sprain: when can I go again? The honest answer depends on how the knee handles a few simple tests.\n\n"
    . "[caption id=\"attachment_$knee\" align=\"aligncenter\" width=\"300\"]<img class=\"size-medium wp-image-$knee\" src=\"" . src($knee, 'medium') . "\" alt=\"A therapist guiding a knee bend\" width=\"300\" height=\"200\" /> A slow, controlled bend comes before any jogging.[/caption]\n\n"
    . "<h4>Three checks before your first run</h4>\n"
    . "Can you hop on the injured leg ten times without pain? Can you walk briskly for twenty minutes? Does the knee stay calm the morning after?\n\n"
    . "<h5>If the answer is no</h5>\n"
    . "Keep to cycling and strength work for another week, then test again.\n\n"
    . "<table>\n<thead><tr><th>Week</th><th>Run</th><th>Walk</th></tr></thead>\n<tbody>\n<tr><td>1</td><td>1 minute</td><td>2 minutes</td></tr>\n<tr><td>2</td><td>3 minutes</td><td>1 minute</td></tr>\n</tbody>\n</table>\n\n"
    . "Questions? Our therapists in Severna Park and Frederick see runners every week.",
    ['post_category' => [$running, $sports], 'tags_input' => ['knee', 'running'],
     'post_date' => '2024-05-14 09:30:00', 'post_author' => $dana]);
stick_post($posts['classic']);

// 2. Block editor: every common block.
$gallery = '';
foreach ([$knee, $shoulder, $walk] as $i => $id) {
    $alt = esc_attr(get_post_meta($id, '_wp_attachment_image_alt', true));
    $gallery .= block('image', "<figure class=\"wp-block-image size-large\"><img src=\"" . src($id, 'large')
        . "\" alt=\"$alt\" class=\"wp-image-$id\"/><figcaption class=\"wp-element-caption\">Step "
        . ($i + 1) . "</figcaption></figure>", ['id' => $id, 'sizeSlug' => 'large', 'linkDestination' => 'none']);
}
$posts['blocks'] = post('A shoulder program you can do at home',
    para('Shoulder pain often settles with steady, gentle work. This program takes fifteen minutes a day.')
    . heading(2, 'Before you start')
    . para('Warm up with a few arm circles. Stop any movement that causes sharp pain.')
    . heading(3, 'What you need')
    . block('list', "<ul><li>A resistance band</li><li>A towel<ul><li>rolled, for under the elbow</li></ul></li><li>A doorway</li></ul>")
    . heading(4, 'How often')
    . block('list', "<ol><li>Week one: once a day</li><li>Week two: twice a day</li></ol>", ['ordered' => true])
    . heading(5, 'A note on soreness')
    . para('Mild soreness the next day is normal; it should fade by the afternoon.')
    . heading(6, 'When to call us')
    . para('Call if pain wakes you at night or the arm feels weak.')
    . block('quote', "<blockquote class=\"wp-block-quote\"><!-- wp:paragraph -->\n<p>Little and often beats a long session once a week.</p>\n<!-- /wp:paragraph --><cite>Dana Whitfield, DPT</cite></blockquote>")
    . block('pullquote', "<figure class=\"wp-block-pullquote\"><blockquote><p>Fifteen minutes a day is enough.</p><cite>Our Bowie team</cite></blockquote></figure>")
    . block('table', "<figure class=\"wp-block-table\"><table><thead><tr><th>Exercise</th><th>Sets</th><th>Repetitions</th></tr></thead><tbody><tr><td>Band pull-apart</td><td>2</td><td>12</td></tr><tr><td>Wall slide</td><td>3</td><td>10</td></tr></tbody></table><figcaption class=\"wp-element-caption\">The first two weeks</figcaption></figure>")
    . image_block($shoulder, 'Keep the elbow close to your side.')
    . block('gallery', "<figure class=\"wp-block-gallery has-nested-images columns-default is-cropped\">$gallery</figure>", ['linkTo' => 'none'])
    . block('columns', "<div class=\"wp-block-columns\">" . block('column', "<div class=\"wp-block-column\">" . para('Mornings: the band exercises.') . "</div>") . block('column', "<div class=\"wp-block-column\">" . para('Evenings: the stretches.') . "</div>") . "</div>")
    . block('buttons', "<div class=\"wp-block-buttons\">" . block('button', "<div class=\"wp-block-button\"><a class=\"wp-block-button__link wp-element-button\" href=\"https://foreverfitpt.example/contact/\">Book a visit</a></div>") . "</div>")
    . block('separator', "<hr class=\"wp-block-separator has-alpha-channel-opacity\"/>")
    . block('html', "<div class=\"clinic-note\"><strong>Tip:</strong> set a reminder on your phone.</div>")
    . block('embed', "<figure class=\"wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube wp-embed-aspect-16-9 wp-has-aspect-ratio\"><div class=\"wp-block-embed__wrapper\">\nhttps://www.youtube.com/watch?v=ffpt0demo01\n</div></figure>",
        ['url' => 'https://www.youtube.com/watch?v=ffpt0demo01', 'type' => 'video', 'providerNameSlug' => 'youtube', 'responsive' => true, 'className' => 'wp-embed-aspect-16-9 wp-has-aspect-ratio'])
    . para('Keep a note of how the shoulder feels each week and bring it to your next visit.'),
    ['post_category' => [$sports], 'tags_input' => ['shoulder', 'exercise'], 'post_date' => '2024-05-21 08:00:00']);
set_post_thumbnail($posts['blocks'], $shoulder);

// 3. Divi: sections, rows, columns, text, image, blurb, button.
$posts['divi'] = post('Why your lower back aches after sitting',
    '[et_pb_section fb_built="1"][et_pb_row][et_pb_column type="4_4"][et_pb_text]<p>Long hours in a chair load the same few structures all day. The ache is usually a request to move, not a sign of damage.</p><p>Stand up every half hour, even briefly.</p>[/et_pb_text][et_pb_image src="' . src($desk) . '" alt="The front desk of the Crofton clinic" title_text="front-desk"][/et_pb_image][/et_pb_column][/et_pb_row]'
    . '[et_pb_row][et_pb_column type="1_2"][et_pb_blurb title="Move often" image="' . src($walk, 'medium') . '" alt="Two people walking on a park path"]<p>A five-minute walk resets stiff muscles.</p>[/et_pb_blurb][/et_pb_column][et_pb_column type="1_2"][et_pb_blurb title="Adjust your chair"]<p>Feet flat, hips slightly above the knees.</p>[/et_pb_blurb][/et_pb_column][/et_pb_row]'
    . '[et_pb_row][et_pb_column type="4_4"][et_pb_button button_url="https://foreverfitpt.example/contact/" button_text="Ask a therapist"][/et_pb_button][/et_pb_column][/et_pb_row][/et_pb_section]',
    ['post_category' => [$back], 'tags_input' => ['back pain', 'posture'], 'post_date' => '2024-06-03 10:00:00']);

// 4-5. Emoji, accents and typographic quotes in titles; WordPress makes the slugs.
$posts['emoji'] = post("Don’t ignore hip pain 🦴 café-style Q&A",
    "We sat down with two of our therapists over coffee and asked the questions patients ask most.\n\n<strong>Is hip pain always arthritis?</strong> No. Many cases come from the muscles around the joint.\n\n<strong>Should I rest it?</strong> Usually gentle movement helps more than rest.",
    ['post_category' => [$sports], 'tags_input' => ['hip'], 'post_date' => '2024-06-10 12:00:00']);
$posts['accents'] = post('Résumé of 2024: “clinic highlights”',
    "A new clinic in Gaithersburg, longer hours in Bowie, and more than four thousand visits.\n\nThank you to every patient who trusted us this year.",
    ['post_category' => [$news], 'post_date' => '2024-12-20 15:00:00']);

// 6. [gallery ids=...] and a Contact Form 7 form.
$posts['gallery'] = post('Inside our new Crofton clinic',
    "Take a look around before your first visit.\n\n[gallery ids=\"$desk,$walk,$knee\" columns=\"3\" size=\"medium\"]\n\nHave a question before you come? Write to us:\n\n[contact-form-7 id=\"41\" title=\"Contact form 1\"]",
    ['post_category' => [$news], 'post_date' => '2024-07-01 09:00:00']);

// 7. What must stay hidden: draft, pending, private, scheduled, password-protected, trashed.
$posts['draft'] = post('Draft: ankle taping basics', 'Not finished yet.', ['post_status' => 'draft', 'post_category' => [$sports], 'post_date' => '2024-09-02 09:00:00']);
$posts['pending'] = post('Pending: sleeping positions for neck pain', 'Waiting for review.', ['post_status' => 'pending', 'post_category' => [$back], 'post_date' => '2024-09-03 09:00:00']);
$posts['private'] = post('Private: staff rota for the holidays', 'Only for staff.', ['post_status' => 'private', 'post_category' => [$news], 'post_date' => '2024-09-04 09:00:00']);
$posts['future'] = post('Scheduled: winter falls prevention', 'Icy paths and how to walk on them.', ['post_status' => 'future', 'post_date' => '2030-01-15 08:00:00', 'post_category' => [$news]]);
$posts['password'] = post('Protected: notes for our referring doctors', 'How to refer a patient to us.', ['post_password' => 'referrals', 'post_category' => [$news], 'post_date' => '2024-08-01 09:00:00']);
$posts['trashed'] = post('Trashed: an old parking notice', 'Parking moved to the rear lot.', ['post_category' => [$news], 'post_date' => '2023-03-01 09:00:00']);
wp_trash_post($posts['trashed']);

// 8. Pages, one a child of another; two the new site already has (contact, privacy).
$about = post('About us', "Forever Fit is a family of five physical therapy clinics in Maryland.\n\nEvery plan starts with listening.", ['post_type' => 'page', 'post_date' => '2024-01-05 09:00:00']);
$services = post('Services', "Manual therapy, exercise programs and sports rehabilitation.", ['post_type' => 'page', 'post_date' => '2024-01-05 09:00:00']);
post('Sports massage', "Deep tissue work for athletes before and after events.", ['post_type' => 'page', 'post_parent' => $services, 'post_date' => '2024-01-05 09:00:00']);
post('Contact', "Call the clinic nearest you, or write to us.\n\n[contact-form-7 id=\"41\" title=\"Contact form 1\"]", ['post_type' => 'page', 'post_date' => '2024-01-05 09:00:00']);
post('Privacy Policy', "We keep what you tell us private.", ['post_type' => 'page', 'post_name' => 'privacy-policy', 'post_date' => '2024-01-05 09:00:00']);

// Pictures belong to the post they were uploaded for: their attachment pages live under it.
foreach ([$knee => 'classic', $shoulder => 'blocks', $desk => 'divi', $walk => 'gallery'] as $id => $key) {
    wp_update_post(['ID' => $id, 'post_parent' => $posts[$key]]);
}

// A picture only ever shown as a post's featured image, and WordPress's posts page.
$standing = picture('standing-desk.jpg', 1200, 800, [70, 90, 130], 'A person working at a standing desk', '2024/06');
wp_update_post(['ID' => $standing, 'post_parent' => $posts['divi']]);
set_post_thumbnail($posts['divi'], $standing);
$blog = post('Blog', '', ['post_type' => 'page', 'post_date' => '2024-01-05 09:00:00']);
update_option('show_on_front', 'page');
update_option('page_on_front', $about);
update_option('page_for_posts', $blog);

// --- Checks: block posts parse as blocks and render --------------------------------------
foreach (['blocks'] as $key) {
    $content = get_post($posts[$key])->post_content;
    foreach (parse_blocks($content) as $parsed) {
        if ($parsed['blockName'] === null && trim($parsed['innerHTML']) !== '') {
            fail("Post $key has markup outside any block: " . substr($parsed['innerHTML'], 0, 80));
        }
    }
    if (trim(do_blocks($content)) === '') fail("Post $key renders to nothing");
}

// --- What the tests read -----------------------------------------------------------------
@mkdir("$fixtures/rendered");
array_map('unlink', glob("$fixtures/rendered/*.html"));
foreach ($posts as $key => $id) {
    $post = get_post($id);
    if ($post->post_status !== 'publish' || $post->post_password) continue;
    setup_postdata($GLOBALS['post'] = $post);
    $html = apply_filters('the_content', $post->post_content);
    file_put_contents("$fixtures/rendered/$id.html", $html);
}
ob_start();
export_wp(['content' => 'all']);
file_put_contents("$fixtures/export.xml", ob_get_clean());
file_put_contents("$fixtures/WORDPRESS_VERSION", get_bloginfo('version') . "\n");
echo 'WordPress ' . get_bloginfo('version') . ': ' . count($posts) . " posts\n";
